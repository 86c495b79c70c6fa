using NeuralStyle.Engine.Imaging;

namespace NeuralStyle.Tests.Engine.Quality;

/// <summary>Synthetic pictures whose differences the picture measures must see, made pixel by pixel here.</summary>
internal static class QualityPictures
{
    /// <summary>
    /// A "photo": a smooth warm gradient with a dark disc and a bright bar, plus seeded fine grain like a camera's, so
    /// its spectrum is irregular as a real photo's is.
    /// </summary>
    public static RgbImage Photo(int width = 160, int height = 120, int seed = 1) => Make(width, height, (x, y, random) =>
    {
        var dx = x - width * 0.4;
        var dy = y - height * 0.5;
        var disc = dx * dx + dy * dy < Math.Pow(height * 0.25, 2);
        var bar = x > width * 0.7 && x < width * 0.8;
        var grain = (random.NextDouble() - 0.5) * 16;
        var r = disc ? 40 : bar ? 235 : 120 + 100.0 * x / width;
        var g = disc ? 35 : bar ? 230 : 90 + 60.0 * y / height;
        var b = disc ? 50 : bar ? 220 : 60;
        return (r + grain, g + grain, b + grain);
    }, seed);

    /// <summary>A "painting": blue and yellow diagonal strokes of varying width, nothing like the photo's colours or edges.</summary>
    public static RgbImage Painting(int width = 140, int height = 140, int seed = 2) => Make(width, height, (x, y, random) =>
    {
        var stroke = Math.Sin((x + y) * 0.45 + 2 * Math.Sin(y * 0.07)) > 0;
        var grain = (random.NextDouble() - 0.5) * 20;
        return stroke ? (30 + grain, 60 + grain, 190 + grain) : (235 + grain, 200 + grain, 40 + grain);
    }, seed);

    /// <summary><paramref name="picture"/> with a checkerboard of <paramref name="period"/> px and +-<paramref name="amplitude"/> grey levels added.</summary>
    public static RgbImage WithCheckerboard(RgbImage picture, int period, double amplitude) => Map(picture, (x, y, c) =>
        c + ((x / (period / 2) + y / (period / 2)) % 2 == 0 ? amplitude : -amplitude));

    /// <summary><paramref name="picture"/> with seeded uniform noise of +-<paramref name="amplitude"/> grey levels: texture, but no period.</summary>
    public static RgbImage WithNoise(RgbImage picture, double amplitude, int seed)
    {
        var random = new Random(seed);
        var offsets = Enumerable.Range(0, picture.Width * picture.Height).Select(_ => (random.NextDouble() * 2 - 1) * amplitude).ToArray();
        return Map(picture, (x, y, c) => c + offsets[y * picture.Width + x]);
    }

    /// <summary>Each pixel of <paramref name="picture"/> moved a fraction <paramref name="t"/> of the way to <paramref name="colour"/>.</summary>
    public static RgbImage Tinted(RgbImage picture, (double R, double G, double B) colour, double t)
    {
        var pixels = (byte[])picture.Pixels.Clone();
        for (var i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = Clip(pixels[i] + t * (colour.R - pixels[i]));
            pixels[i + 1] = Clip(pixels[i + 1] + t * (colour.G - pixels[i + 1]));
            pixels[i + 2] = Clip(pixels[i + 2] + t * (colour.B - pixels[i + 2]));
        }

        return new RgbImage(picture.Width, picture.Height, pixels);
    }

    /// <summary>The picture mirrored left to right: the same colours, another layout.</summary>
    public static RgbImage Mirrored(RgbImage picture) => Pick(picture, (x, y) => (picture.Width - 1 - x, y));

    /// <summary>The left <paramref name="fraction"/> of the picture from <paramref name="left"/>, the rest from <paramref name="right"/> (same size).</summary>
    public static RgbImage LeftOf(RgbImage left, RgbImage right, double fraction) =>
        Pick(right, (x, y) => (x, y), (x, y) => x < fraction * right.Width ? left : right);

    private static RgbImage Pick(RgbImage picture, Func<int, int, (int X, int Y)> from, Func<int, int, RgbImage>? source = null)
    {
        var pixels = new byte[picture.Pixels.Length];
        for (var y = 0; y < picture.Height; y++)
        {
            for (var x = 0; x < picture.Width; x++)
            {
                var (sx, sy) = from(x, y);
                Array.Copy((source?.Invoke(x, y) ?? picture).Pixels, (sy * picture.Width + sx) * 3, pixels, (y * picture.Width + x) * 3, 3);
            }
        }

        return new RgbImage(picture.Width, picture.Height, pixels);
    }

    private static RgbImage Make(int width, int height, Func<int, int, Random, (double R, double G, double B)> pixel, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(x, y, random);
                var i = (y * width + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (Clip(r), Clip(g), Clip(b));
            }
        }

        return new RgbImage(width, height, pixels);
    }

    private static RgbImage Map(RgbImage picture, Func<int, int, double, double> channel)
    {
        var pixels = new byte[picture.Pixels.Length];
        for (var y = 0; y < picture.Height; y++)
        {
            for (var x = 0; x < picture.Width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var i = (y * picture.Width + x) * 3 + c;
                    pixels[i] = Clip(channel(x, y, picture.Pixels[i]));
                }
            }
        }

        return new RgbImage(picture.Width, picture.Height, pixels);
    }

    private static byte Clip(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
