using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace NeuralStyle.Engine.Imaging;

/// <summary>
/// A run's intermediate pictures as one looping animated GIF, so people can watch a picture emerge. GIF, because
/// ImageSharp 2.1 writes WebP only as a still picture; each frame gets its own 256-colour palette.
/// </summary>
public static class TimeLapse
{
    /// <summary>The most frames an animation takes, so its size stays bounded however long the run.</summary>
    public const int MaxFrames = 240;

    /// <summary>
    /// Encodes <paramref name="frames"/>, in the order given, as an animation that loops forever. Every frame is scaled
    /// to the last frame's size (coarse-to-fine runs start smaller) and then to at most <paramref name="longSide"/>
    /// pixels along the long side. Each frame shows for <paramref name="frameDelay"/>; the last one, the finished
    /// picture, for <paramref name="finalHold"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No frames, more than <see cref="MaxFrames"/>, or a delay outside 10 ms to 655 s.</exception>
    public static byte[] EncodeGif(IReadOnlyList<RgbImage> frames, int longSide, TimeSpan frameDelay, TimeSpan finalHold)
    {
        if (frames.Count is 0 or > MaxFrames)
        {
            throw new ArgumentException($"A time-lapse needs 1 to {MaxFrames} frames, not {frames.Count}.", nameof(frames));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(longSide, 1);
        var last = Fit(frames[^1], longSide);
        using var animation = new Image<Rgb24>(ImageSharpSetup.Configuration, last.Width, last.Height);
        var gif = animation.Metadata.GetGifMetadata();
        gif.RepeatCount = 0;
        gif.ColorTableMode = GifColorTableMode.Local;
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = i == frames.Count - 1 ? last : SameSize(frames[i], last.Width, last.Height);
            using var picture = frame.ToImageSharp();
            var added = animation.Frames.AddFrame(picture.Frames.RootFrame);
            added.Metadata.GetGifMetadata().FrameDelay = Centiseconds(i == frames.Count - 1 ? finalHold : frameDelay);
        }

        // The blank frame the image was created with.
        animation.Frames.RemoveFrame(0);
        using var output = new MemoryStream();
        animation.Save(output, new GifEncoder { ColorTableMode = GifColorTableMode.Local, Quantizer = new WuQuantizer() });
        return output.ToArray();
    }

    private static RgbImage Fit(RgbImage image, int longSide) =>
        Math.Max(image.Width, image.Height) > longSide ? ImageResizer.FitLongSide(image, longSide) : image;

    private static RgbImage SameSize(RgbImage image, int width, int height) =>
        image.Width == width && image.Height == height ? image : ImageResizer.Resize(image, width, height);

    // GIF counts delays in hundredths of a second, in 16 bits.
    private static int Centiseconds(TimeSpan delay)
    {
        var centiseconds = (int)Math.Round(delay.TotalMilliseconds / 10);
        if (centiseconds is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentException($"A frame delay must be between 10 ms and 655 s, not {delay.TotalMilliseconds} ms.", nameof(delay));
        }

        return centiseconds;
    }
}
