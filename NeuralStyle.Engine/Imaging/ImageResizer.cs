using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace NeuralStyle.Engine.Imaging;

/// <summary>High-quality resampling of <see cref="RgbImage"/>s: Lanczos3 when shrinking (sharp, little aliasing), bicubic when enlarging (no ringing halos).</summary>
public static class ImageResizer
{
    /// <summary>
    /// Scales the picture so its longer side is <paramref name="longSide"/> pixels, keeping the aspect ratio;
    /// the shorter side is rounded and never below 1 pixel. Returns <paramref name="image"/> itself when the size is already right.
    /// </summary>
    public static RgbImage FitLongSide(RgbImage image, int longSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(longSide, 1);
        var scale = (double)longSide / Math.Max(image.Width, image.Height);
        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));
        return Resize(image, width, height);
    }

    /// <summary>Scales the picture to exactly <paramref name="width"/> x <paramref name="height"/>. Returns <paramref name="image"/> itself when the size is already right.</summary>
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (width == image.Width && height == image.Height)
        {
            return image;
        }

        IResampler sampler = width < image.Width || height < image.Height ? KnownResamplers.Lanczos3 : KnownResamplers.Bicubic;
        using var resized = image.ToImageSharp();
        resized.Mutate(x => x.Resize(new ResizeOptions
        {
            Size = new Size(width, height),
            Mode = ResizeMode.Stretch,
            Sampler = sampler,
        }));
        return resized.ToRgbImage();
    }
}
