// CIE 1976 L*a*b* from sRGB (IEC 61966-2-1) under the D65 white point.
using NeuralStyle.Engine.Imaging;

namespace NeuralStyle.Engine.Quality;

/// <summary>Pixels in CIE Lab, divided by 100 (L in 0..1, a and b about -1..1), a space where distances follow what people see.</summary>
internal static class CieLab
{
    public static double[][] Pixels(RgbImage image)
    {
        var pixels = image.Pixels;
        var lab = new double[image.Width * image.Height][];
        for (var i = 0; i < lab.Length; i++)
        {
            lab[i] = FromSrgb(pixels[3 * i] / 255.0, pixels[3 * i + 1] / 255.0, pixels[3 * i + 2] / 255.0);
        }

        return lab;
    }

    public static double[] FromSrgb(double r, double g, double b)
    {
        var (lr, lg, lb) = (Linear(r), Linear(g), Linear(b));
        var x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / 0.95047;
        var y = 0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb;
        var z = (0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb) / 1.08883;
        var (fx, fy, fz) = (F(x), F(y), F(z));
        return [(116 * fy - 16) / 100, 500 * (fx - fy) / 100, 200 * (fy - fz) / 100];
    }

    private static double Linear(double c) => c > 0.04045 ? Math.Pow((c + 0.055) / 1.055, 2.4) : c / 12.92;

    private static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : (24389.0 / 27 * t + 16) / 116;
}
