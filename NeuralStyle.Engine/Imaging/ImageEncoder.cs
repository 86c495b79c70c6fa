using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;

namespace NeuralStyle.Engine.Imaging;

/// <summary>Writes <see cref="RgbImage"/>s as PNG (results, with their settings as text) or JPEG (small previews).</summary>
public static class ImageEncoder
{
    private const int MaxKeywordLength = 79;

    /// <summary>
    /// Encodes a lossless 8-bit RGB PNG. Each <paramref name="text"/> entry becomes a text chunk: tEXt for Latin-1
    /// values, iTXt for other Unicode, zTXt for long values.
    /// </summary>
    /// <exception cref="ArgumentException">A keyword is not 1 to 79 printable Latin-1 characters without leading, trailing or double spaces (PNG 11.3.4.2).</exception>
    public static byte[] EncodePng(RgbImage image, IReadOnlyDictionary<string, string>? text = null)
    {
        using var encoded = image.ToImageSharp();
        var textData = encoded.Metadata.GetPngMetadata().TextData;
        foreach (var (keyword, value) in text ?? new Dictionary<string, string>())
        {
            CheckKeyword(keyword);
            textData.Add(new PngTextData(keyword, value, string.Empty, string.Empty));
        }

        using var output = new MemoryStream();
        encoded.Save(output, new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 });
        return output.ToArray();
    }

    /// <summary>Encodes a baseline JPEG with 4:2:0 chroma subsampling, for previews where size matters more than fidelity.</summary>
    /// <param name="image">The picture to encode.</param>
    /// <param name="quality">1 (smallest) to 100 (best).</param>
    public static byte[] EncodeJpeg(RgbImage image, int quality = 85)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        using var encoded = image.ToImageSharp();
        using var output = new MemoryStream();
        encoded.Save(output, new JpegEncoder { Quality = quality, ColorType = JpegColorType.YCbCrRatio420 });
        return output.ToArray();
    }

    /// <summary>
    /// Reads the tEXt, zTXt and iTXt chunks of a PNG from its header, without decoding pixels. When a keyword repeats,
    /// the first value wins. A picture in another format has no PNG text: the result is empty.
    /// </summary>
    /// <exception cref="ImageRejectedException">The file is empty, over the limits, not a picture or damaged.</exception>
    public static IReadOnlyDictionary<string, string> ReadPngText(Stream stream, ImageLimits? limits = null)
    {
        var (_, format, metadata) = ImageLoader.IdentifyWithMetadata(stream, limits ?? ImageLimits.Default);
        var text = new Dictionary<string, string>();
        if (format == PngFormat.Instance)
        {
            foreach (var entry in metadata.GetPngMetadata().TextData)
            {
                text.TryAdd(entry.Keyword, entry.Value);
            }
        }

        return text;
    }

    private static void CheckKeyword(string keyword)
    {
        var valid = keyword.Length is > 0 and <= MaxKeywordLength
            && keyword.All(c => c is >= ' ' and <= '~' or >= '\u00A1' and <= '\u00FF')
            && !keyword.StartsWith(' ') && !keyword.EndsWith(' ') && !keyword.Contains("  ", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException(
                $"PNG text keyword \"{keyword}\" must be 1 to {MaxKeywordLength} printable Latin-1 characters without leading, trailing or double spaces.",
                nameof(keyword));
        }
    }
}
