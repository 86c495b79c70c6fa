using NeuralStyle.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Tests.Support;

/// <summary>Every frame of an animated GIF with its delay, read with ImageSharp's own defaults (all frames).</summary>
internal static class GifFrames
{
    public static IReadOnlyList<(RgbImage Image, int DelayCentiseconds)> Read(byte[] gif)
    {
        using var animation = Image.Load<Rgb24>(Configuration.Default, gif);
        return Enumerable.Range(0, animation.Frames.Count).Select(i =>
        {
            using var frame = animation.Frames.CloneFrame(i);
            var pixels = new byte[frame.Width * frame.Height * 3];
            frame.CopyPixelDataTo(pixels);
            return (new RgbImage(frame.Width, frame.Height, pixels), animation.Frames[i].Metadata.GetGifMetadata().FrameDelay);
        }).ToList();
    }

    /// <summary>Mean absolute difference per channel value, 0 to 255.</summary>
    public static double Difference(RgbImage a, RgbImage b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        return a.Pixels.Zip(b.Pixels, (x, y) => Math.Abs(x - y)).Average();
    }

    /// <summary>Mean absolute difference between horizontal neighbours: large for noise, small for smooth pictures.</summary>
    public static double Roughness(RgbImage image)
    {
        var total = 0.0;
        var count = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 1; x < image.Width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    total += Math.Abs(image.Pixels[((y * image.Width) + x) * 3 + c] - image.Pixels[((y * image.Width) + x - 1) * 3 + c]);
                    count++;
                }
            }
        }

        return total / count;
    }
}
