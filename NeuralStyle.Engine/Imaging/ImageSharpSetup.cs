using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata;

namespace NeuralStyle.Engine.Imaging;

/// <summary>The one ImageSharp configuration the application decodes with.</summary>
internal static class ImageSharpSetup
{
    /// <summary>
    /// Only the five formats we promise (TGA, TIFF and PBM are left out: less tested decoders are more attack surface),
    /// and GIF decodes its first frame only, so an animation with thousands of frames costs one.
    /// </summary>
    public static Configuration Configuration { get; } = Create();

    public const string SupportedFormats = "JPEG, PNG, WebP, BMP or GIF";

    private static Configuration Create()
    {
        var configuration = new Configuration(
            new JpegConfigurationModule(),
            new PngConfigurationModule(),
            new WebpConfigurationModule(),
            new BmpConfigurationModule(),
            new GifConfigurationModule());
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }
}
