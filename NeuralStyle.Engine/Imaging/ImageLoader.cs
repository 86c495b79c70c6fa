using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuralStyle.Engine.Imaging;

/// <summary>
/// Turns an uploaded file into an <see cref="RgbImage"/>, refusing anything too large, unknown or damaged with an
/// <see cref="ImageRejectedException"/> whose message a person can act on. The format is found from the content,
/// never from a file name.
/// </summary>
public static class ImageLoader
{
    private const int ChunkSize = 81920;

    /// <summary>
    /// Reads the stream (no further than <see cref="ImageLimits.MaxBytes"/>), then size and format from the header
    /// only, so a tiny file that claims a huge picture costs no pixel memory. The size is the upright one that
    /// <see cref="Load"/> returns.
    /// </summary>
    /// <exception cref="ImageRejectedException">Empty, over <see cref="ImageLimits.MaxBytes"/> or <see cref="ImageLimits.MaxPixels"/>, not a supported picture, or damaged.</exception>
    public static ImageInfo Identify(Stream stream, ImageLimits limits)
    {
        using var content = ReadCapped(stream, limits);
        return Identify(content, limits).Info;
    }

    /// <inheritdoc cref="Identify(Stream, ImageLimits)"/>
    public static async Task<ImageInfo> IdentifyAsync(Stream stream, ImageLimits limits, CancellationToken cancellationToken = default)
    {
        using var content = await ReadCappedAsync(stream, limits, cancellationToken);
        return Identify(content, limits).Info;
    }

    /// <summary>
    /// Decodes the first frame of a JPEG, PNG, WebP, BMP or GIF, turns it upright as its EXIF orientation says and
    /// puts transparent parts on white.
    /// </summary>
    /// <exception cref="ImageRejectedException">The picture breaks a limit or cannot be decoded; the decoder's exception is the inner one.</exception>
    public static RgbImage Load(Stream stream, ImageLimits limits)
    {
        using var content = ReadCapped(stream, limits);
        return Decode(content, limits);
    }

    /// <summary>
    /// <inheritdoc cref="Load(Stream, ImageLimits)" path="/summary"/> Reads the stream asynchronously, as request
    /// bodies and browser uploads require; the decode itself runs on the calling thread.
    /// </summary>
    /// <exception cref="ImageRejectedException">The picture breaks a limit or cannot be decoded; the decoder's exception is the inner one.</exception>
    public static async Task<RgbImage> LoadAsync(Stream stream, ImageLimits limits, CancellationToken cancellationToken = default)
    {
        using var content = await ReadCappedAsync(stream, limits, cancellationToken);
        return Decode(content, limits);
    }

    private static RgbImage Decode(MemoryStream content, ImageLimits limits)
    {
        var (_, format, _) = Identify(content, limits);
        if (!ImageCompleteness.IsComplete(content.GetBuffer().AsSpan(0, (int)content.Length), format))
        {
            throw Damaged();
        }

        var decoder = ImageSharpSetup.Configuration.ImageFormatsManager.FindDecoder(format);
        using var deadline = new CancellationTokenSource(limits.MaxDecodeTime);
        try
        {
            content.Position = 0;
            using var image = decoder.Decode<Rgba32>(ImageSharpSetup.Configuration, content, deadline.Token);
            image.Mutate(x => x.AutoOrient());
            return FlattenOntoWhite(image);
        }
        catch (Exception ex) when (ex is not ImageRejectedException)
        {
            throw Translate(ex, limits);
        }
    }

    /// <summary>Like <see cref="Identify(Stream, ImageLimits)"/>, also handing back the format's header metadata (PNG text chunks).</summary>
    internal static (ImageInfo Info, IImageFormat Format, ImageMetadata Metadata) IdentifyWithMetadata(Stream stream, ImageLimits limits)
    {
        using var content = ReadCapped(stream, limits);
        return Identify(content, limits);
    }

    private static (ImageInfo Info, IImageFormat Format, ImageMetadata Metadata) Identify(MemoryStream content, ImageLimits limits)
    {
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            content.Position = 0;
            info = Image.Identify(ImageSharpSetup.Configuration, content, out format);
        }
        catch (Exception ex)
        {
            throw Translate(ex, limits);
        }

        if (info is null || format is null)
        {
            throw NotAPicture();
        }

        if (info.Width <= 0 || info.Height <= 0)
        {
            throw Damaged();
        }

        if ((long)info.Width * info.Height > limits.MaxPixels)
        {
            throw new ImageRejectedException(
                ImageRejectionReason.TooManyPixels,
                $"This picture is {info.Width} x {info.Height} pixels; the limit is {Megapixels(limits.MaxPixels)} megapixels.");
        }

        var (width, height) = TurnsSideways(info.Metadata) ? (info.Height, info.Width) : (info.Width, info.Height);
        return (new ImageInfo(width, height, format.Name.ToUpperInvariant()), format, info.Metadata);
    }

    // EXIF orientations 5 to 8 are the transposed and the quarter-turned ones.
    private static bool TurnsSideways(ImageMetadata metadata) =>
        metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value is >= 5 and <= 8;

    private static MemoryStream ReadCapped(Stream stream, ImageLimits limits)
    {
        CheckDeclaredLength(stream, limits);
        var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            Append(buffer, chunk, read, limits);
        }

        return Seal(buffer);
    }

    private static async Task<MemoryStream> ReadCappedAsync(Stream stream, ImageLimits limits, CancellationToken cancellationToken)
    {
        CheckDeclaredLength(stream, limits);
        var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            Append(buffer, chunk, read, limits);
        }

        return Seal(buffer);
    }

    private static void CheckDeclaredLength(Stream stream, ImageLimits limits)
    {
        if (!stream.CanSeek)
        {
            return;
        }

        var remaining = stream.Length - stream.Position;
        if (remaining > limits.MaxBytes)
        {
            throw new ImageRejectedException(
                ImageRejectionReason.TooManyBytes,
                $"This file is {Size(remaining, roundUp: true)}; the limit is {Size(limits.MaxBytes)}.");
        }
    }

    private static void Append(MemoryStream buffer, byte[] chunk, int count, ImageLimits limits)
    {
        if (buffer.Length + count > limits.MaxBytes)
        {
            throw new ImageRejectedException(
                ImageRejectionReason.TooManyBytes,
                $"This file is larger than the limit of {Size(limits.MaxBytes)}.");
        }

        buffer.Write(chunk, 0, count);
    }

    private static MemoryStream Seal(MemoryStream buffer)
    {
        if (buffer.Length == 0)
        {
            throw new ImageRejectedException(ImageRejectionReason.Empty, "The file is empty.");
        }

        return new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length, writable: false, publiclyVisible: true);
    }

    private static RgbImage FlattenOntoWhite(Image<Rgba32> image)
    {
        var width = image.Width;
        var pixels = new byte[width * image.Height * 3];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                var offset = y * width * 3;
                foreach (ref readonly var pixel in row)
                {
                    pixels[offset++] = OverWhite(pixel.R, pixel.A);
                    pixels[offset++] = OverWhite(pixel.G, pixel.A);
                    pixels[offset++] = OverWhite(pixel.B, pixel.A);
                }
            }
        });
        return new RgbImage(width, image.Height, pixels);
    }

    // Straight (not premultiplied) alpha composited in sRGB bytes, as browsers show a transparent picture on white.
    private static byte OverWhite(byte channel, byte alpha) => (byte)((channel * alpha + 255 * (255 - alpha) + 127) / 255);

    private static ImageRejectedException Translate(Exception ex, ImageLimits limits) => ex switch
    {
        ImageRejectedException rejected => rejected,
        UnknownImageFormatException => NotAPicture(ex),
        OperationCanceledException => new ImageRejectedException(
            ImageRejectionReason.TooSlow,
            $"This picture took longer than {limits.MaxDecodeTime.TotalSeconds:0.#} seconds to read; please save it as JPEG or PNG and try again.",
            ex),
        NotSupportedException => new ImageRejectedException(
            ImageRejectionReason.UnsupportedFeature,
            "This picture uses a feature we cannot read (for example an animated WebP); please save it as JPEG or PNG and try again.",
            ex),
        InvalidMemoryOperationException => new ImageRejectedException(
            ImageRejectionReason.TooManyPixels, "This picture is too large to open.", ex),
        _ => Damaged(ex),
    };

    private static ImageRejectedException NotAPicture(Exception? inner = null) => new(
        ImageRejectionReason.UnsupportedFormat,
        $"This file is not a picture we can read ({ImageSharpSetup.SupportedFormats}).",
        inner);

    private static ImageRejectedException Damaged(Exception? inner = null) =>
        new(ImageRejectionReason.Damaged, "The picture seems to be cut off or damaged.", inner);

    private static string Megapixels(long pixels) => (pixels / 1e6).ToString("0.#", CultureInfo.InvariantCulture);

    // A file just over the limit must not read as equal to it, so its size rounds up.
    private static string Size(long bytes, bool roundUp = false)
    {
        const double Kilobyte = 1024, Megabyte = 1024 * 1024;
        Func<double, double> round = roundUp ? Math.Ceiling : Math.Round;
        return bytes < Megabyte
            ? $"{round(bytes / Kilobyte).ToString(CultureInfo.InvariantCulture)} KB"
            : $"{(round(bytes / Megabyte * 10) / 10).ToString("0.#", CultureInfo.InvariantCulture)} MB";
    }
}
