using System.Buffers.Binary;
using System.Text;

namespace NeuralStyle.Web.Pictures;

/// <summary>
/// Whether a picture file holds an animation (a GIF with several frames, an animated PNG or WebP): the decoder keeps
/// only its first frame, which the Create page says rather than doing it silently. Reads the container's blocks, never
/// the pixels; a file it cannot follow counts as still.
/// </summary>
public static class AnimatedPicture
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G'];

    public static bool IsAnimated(ReadOnlySpan<byte> file) =>
        file.StartsWith("GIF8"u8) ? GifFrames(file) > 1
        : file.StartsWith(PngSignature) ? PngFrames(file) > 1
        : file.Length > 20 && file.StartsWith("RIFF"u8) && file[8..].StartsWith("WEBPVP8X"u8) && (file[20] & 0x02) != 0;

    /// <summary>GIF89a: header, screen descriptor and colour table, then extension and image blocks until the trailer.</summary>
    private static int GifFrames(ReadOnlySpan<byte> file)
    {
        if (file.Length < 13)
        {
            return 0;
        }

        var at = 13 + ColourTable(file[10]);
        var frames = 0;
        while (at < file.Length && frames < 2)
        {
            switch (file[at])
            {
                case 0x21: // extension: label, then sub-blocks
                    at = SkipSubBlocks(file, at + 2);
                    break;
                case 0x2C: // image: descriptor, optional colour table, LZW code size, then sub-blocks
                    if (at + 10 > file.Length)
                    {
                        return frames;
                    }

                    frames++;
                    at = SkipSubBlocks(file, at + 10 + ColourTable(file[at + 9]) + 1);
                    break;
                default: // 0x3B, the trailer, or something this reader does not follow
                    return frames;
            }
        }

        return frames;
    }

    private static int ColourTable(byte packed) => (packed & 0x80) != 0 ? 3 << ((packed & 7) + 1) : 0;

    private static int SkipSubBlocks(ReadOnlySpan<byte> file, int at)
    {
        while (at < file.Length && file[at] != 0)
        {
            at += file[at] + 1;
        }

        return at + 1;
    }

    /// <summary>An animated PNG announces its frame count in an acTL chunk before the first image data.</summary>
    private static int PngFrames(ReadOnlySpan<byte> file)
    {
        var at = 8;
        while (at + 12 <= file.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[at..]);
            var type = Encoding.ASCII.GetString(file.Slice(at + 4, 4));
            if (type == "acTL")
            {
                return (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(file[(at + 8)..]), int.MaxValue);
            }

            if (type == "IDAT" || length > int.MaxValue - 12 - at)
            {
                return 1;
            }

            at += (int)length + 12;
        }

        return 1;
    }
}
