using NeuralStyle.Engine.Imaging;

namespace NeuralStyle.Engine.Quality;

/// <summary>
/// A single-channel picture of doubles, rows top to bottom, with the few filters the picture measures need. Borders
/// are reflected with the edge pixel repeated (c b a | a b c | c b a), as scipy.ndimage's "reflect" mode, so a flat picture stays flat to its edges.
/// </summary>
internal sealed class GreyPlane
{
    public GreyPlane(int width, int height, double[] values)
    {
        if (values.Length != width * height)
        {
            throw new ArgumentException($"Expected {width * height} values for {width}x{height}, got {values.Length}.", nameof(values));
        }

        Width = width;
        Height = height;
        Values = values;
    }

    public int Width { get; }

    public int Height { get; }

    public double[] Values { get; }

    public double this[int x, int y] => Values[y * Width + x];

    /// <summary>The luma of <paramref name="image"/> in 0..1 (ITU-R BT.601 weights, as the YIQ luminance).</summary>
    public static GreyPlane Luma(RgbImage image)
    {
        var values = new double[image.Width * image.Height];
        var pixels = image.Pixels;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (0.299 * pixels[3 * i] + 0.587 * pixels[3 * i + 1] + 0.114 * pixels[3 * i + 2]) / 255.0;
        }

        return new GreyPlane(image.Width, image.Height, values);
    }

    /// <summary>Gaussian blur of standard deviation <paramref name="sigma"/> pixels, truncated at 4 sigma, separable.</summary>
    public GreyPlane GaussianBlur(double sigma)
    {
        var radius = (int)Math.Ceiling(4 * sigma);
        var kernel = new double[2 * radius + 1];
        for (var k = -radius; k <= radius; k++)
        {
            kernel[k + radius] = Math.Exp(-0.5 * k * k / (sigma * sigma));
        }

        var total = kernel.Sum();
        for (var k = 0; k < kernel.Length; k++)
        {
            kernel[k] /= total;
        }

        return Convolve(kernel, horizontal: true).Convolve(kernel, horizontal: false);
    }

    /// <summary>
    /// Sobel derivatives along x (left to right) and y (top to bottom): [1 2 1] smoothing across, [-1 0 1] along, not
    /// divided by 8, so a step of 1 gives a response of 4.
    /// </summary>
    public (GreyPlane X, GreyPlane Y) Sobel()
    {
        double[] smooth = [1, 2, 1];
        double[] derive = [-1, 0, 1];
        return (Convolve(derive, true).Convolve(smooth, false), Convolve(smooth, true).Convolve(derive, false));
    }

    /// <summary>This plane less <paramref name="other"/>, pixel by pixel.</summary>
    public GreyPlane Minus(GreyPlane other)
    {
        var values = new double[Values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Values[i] - other.Values[i];
        }

        return new GreyPlane(Width, Height, values);
    }

    /// <summary>Correlation (centred, 1D) with an odd-length kernel along one axis, mirrored at the borders.</summary>
    private GreyPlane Convolve(double[] kernel, bool horizontal)
    {
        var radius = kernel.Length / 2;
        var values = new double[Values.Length];
        var length = horizontal ? Width : Height;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var sum = 0.0;
                for (var k = -radius; k <= radius; k++)
                {
                    var at = Mirror((horizontal ? x : y) + k, length);
                    sum += kernel[k + radius] * (horizontal ? Values[y * Width + at] : Values[at * Width + x]);
                }

                values[y * Width + x] = sum;
            }
        }

        return new GreyPlane(Width, Height, values);
    }

    /// <summary>Index <paramref name="i"/> reflected into 0..n-1 about the edges of the outer pixels (a b c | c b a).</summary>
    private static int Mirror(int i, int n)
    {
        if (n == 1)
        {
            return 0;
        }

        var period = 2 * n;
        i = ((i % period) + period) % period;
        return i < n ? i : period - 1 - i;
    }
}
