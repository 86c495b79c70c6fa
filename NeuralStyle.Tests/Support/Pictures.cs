using NeuralStyle.Engine.Imaging;

namespace NeuralStyle.Tests.Support;

/// <summary>Synthetic pictures with known structure, made by the tests themselves.</summary>
internal static class Pictures
{
    /// <summary>A smooth colour gradient with a dark disc in the middle: a "photo" with content to keep.</summary>
    public static RgbImage Photo(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var dx = x - width / 2.0;
                var dy = y - height / 2.0;
                var inDisc = dx * dx + dy * dy < Math.Pow(Math.Min(width, height) / 4.0, 2);
                var i = (y * width + x) * 3;
                pixels[i] = (byte)(inDisc ? 30 : 255 * x / width);
                pixels[i + 1] = (byte)(inDisc ? 30 : 255 * y / height);
                pixels[i + 2] = (byte)(inDisc ? 60 : 160);
            }
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>Diagonal blue and yellow stripes: a "painting" with a strong, easily measured texture.</summary>
    public static RgbImage Stripes(int width, int height, int period = 8) =>
        Stripes(width, height, period, (240, 200, 30), (20, 40, 200));

    /// <summary>Diagonal stripes of two given colours.</summary>
    public static RgbImage Stripes(int width, int height, int period, (byte R, byte G, byte B) first, (byte R, byte G, byte B) second)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var colour = (x + y) / (period / 2) % 2 == 0 ? first : second;
                var i = (y * width + x) * 3;
                pixels[i] = colour.R;
                pixels[i + 1] = colour.G;
                pixels[i + 2] = colour.B;
            }
        }

        return new RgbImage(width, height, pixels);
    }
}
