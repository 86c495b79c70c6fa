using Microsoft.Extensions.Options;
using NeuralStyle.Engine.Imaging;

namespace NeuralStyle.Web.Pictures;

/// <summary>The web's only door to the engine's imaging (decode, resize, encode), with the configured upload limits.</summary>
public sealed class PictureCodec(IOptions<UploadOptions> options)
{
    private ImageLimits Limits => new() { MaxBytes = options.Value.MaxBytes, MaxPixels = options.Value.MaxPixels };

    /// <summary>Decodes an upload; throws <see cref="ImageRejectedException"/> with a readable message.</summary>
    public RgbImage Decode(Stream stream) => ImageLoader.Load(stream, Limits);

    public byte[] Png(RgbImage image) => ImageEncoder.EncodePng(image, null);

    public byte[] Png(RgbImage image, IReadOnlyDictionary<string, string> text) => ImageEncoder.EncodePng(image, text);

    /// <summary>A small JPEG for previews and thumbnails: at most <paramref name="longSide"/> pixels along the long side.</summary>
    public byte[] Thumbnail(RgbImage image, int longSide, int quality = 80)
    {
        var small = Math.Max(image.Width, image.Height) > longSide ? ImageResizer.FitLongSide(image, longSide) : image;
        return ImageEncoder.EncodeJpeg(small, quality);
    }
}
