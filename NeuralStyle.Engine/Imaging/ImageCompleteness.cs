using System.Buffers.Binary;
using System.IO.Compression;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;

namespace NeuralStyle.Engine.Imaging;

/// <summary>
/// Tells whether a file reaches its format's end. ImageSharp 2.1 decodes a cut-off file without complaint and fills
/// the missing part with grey or black, which a half-finished upload must not turn into a style transfer.
/// </summary>
internal static class ImageCompleteness
{
    public static bool IsComplete(ReadOnlySpan<byte> file, IImageFormat format) => format switch
    {
        JpegFormat => JpegReachesEndOfImage(file),
        PngFormat => PngReachesImageEnd(file),
        GifFormat => GifHoldsItsFirstImage(file),
        WebpFormat => file.Length >= 12 && file.Length - 8 >= BinaryPrimitives.ReadUInt32LittleEndian(file[4..]),
        BmpFormat => BmpHoldsItsDeclaredSize(file),
        _ => true,
    };

    // Walks the marker segments (ITU T.81 annex B) to EOI, skipping entropy-coded data, where 0xFF is always
    // followed by 0x00 (stuffing) or a restart marker; APP segments (EXIF thumbnails) are skipped by length.
    private static bool JpegReachesEndOfImage(ReadOnlySpan<byte> file)
    {
        var i = 2;
        while (true)
        {
            while (i < file.Length && file[i] != 0xFF)
            {
                i++;
            }

            while (i < file.Length && file[i] == 0xFF)
            {
                i++;
            }

            if (i >= file.Length)
            {
                return false;
            }

            var marker = file[i++];
            if (marker == 0xD9)
            {
                return true;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (i + 2 > file.Length)
            {
                return false;
            }

            i += BinaryPrimitives.ReadUInt16BigEndian(file[i..]);
            if (i > file.Length)
            {
                return false;
            }

            if (marker == 0xDA)
            {
                while (i + 1 < file.Length && !(file[i] == 0xFF && file[i + 1] is not (0x00 or (>= 0xD0 and <= 0xD7))))
                {
                    i++;
                }
            }
        }
    }

    // Also inflates the image data (never more than the header's size needs): ImageSharp 2.1.13 loops forever on an
    // interlaced PNG whose data is shorter than its header's size (found by UploadFuzzTests), so such a file must
    // never reach the decoder.
    private static bool PngReachesImageEnd(ReadOnlySpan<byte> file)
    {
        long i = 8;
        using var imageData = new MemoryStream();
        while (i + 8 <= file.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[(int)i..]);
            var type = file.Slice((int)i + 4, 4);
            if (i + 12L + length > file.Length)
            {
                return false;
            }

            if (type.SequenceEqual("IDAT"u8))
            {
                imageData.Write(file.Slice((int)i + 8, (int)length));
            }

            if (type.SequenceEqual("IEND"u8))
            {
                return file.Length >= 33 && PngDataFillsTheHeader(file.Slice(16, 13), imageData);
            }

            i += 12L + length;
        }

        return false;
    }

    private static bool PngDataFillsTheHeader(ReadOnlySpan<byte> header, MemoryStream imageData)
    {
        var expected = PngImageDataLength(header);
        if (expected is null)
        {
            return false;
        }

        imageData.Position = 0;
        try
        {
            using var inflater = new ZLibStream(imageData, CompressionMode.Decompress);
            var buffer = new byte[81920];
            long inflated = 0;
            int read;
            while (inflated < expected && (read = inflater.Read(buffer)) > 0)
            {
                inflated += read;
            }

            return inflated >= expected;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    // PNG 1.2 sections 4.1.1 and 8.2: each row (of each Adam7 pass) is one filter byte and its packed samples.
    private static long? PngImageDataLength(ReadOnlySpan<byte> header)
    {
        long width = BinaryPrimitives.ReadUInt32BigEndian(header);
        long height = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        var bitDepth = header[8];
        int? channels = header[9] switch
        {
            0 or 3 => 1,
            2 => 3,
            4 => 2,
            6 => 4,
            _ => null,
        };
        if (channels is null || bitDepth is not (1 or 2 or 4 or 8 or 16) || header[12] > 1)
        {
            return null;
        }

        long Pass(long columns, long rows) => columns == 0 || rows == 0 ? 0 : rows * (1 + ((columns * channels.Value * bitDepth) + 7) / 8);
        long Count(long size, int start, int step) => size > start ? (size - start + step - 1) / step : 0;
        if (header[12] == 0)
        {
            return Pass(width, height);
        }

        ReadOnlySpan<int> adam7 = [0, 0, 8, 8, 4, 0, 8, 8, 0, 4, 4, 8, 2, 0, 4, 4, 0, 2, 2, 4, 1, 0, 2, 2, 0, 1, 1, 2];
        long total = 0;
        for (var pass = 0; pass < 7; pass++)
        {
            var (x, y, dx, dy) = (adam7[4 * pass], adam7[(4 * pass) + 1], adam7[(4 * pass) + 2], adam7[(4 * pass) + 3]);
            total += Pass(Count(width, x, dx), Count(height, y, dy));
        }

        return total;
    }

    // Only the first image is decoded, so an animation cut off after it is still usable.
    private static bool GifHoldsItsFirstImage(ReadOnlySpan<byte> file)
    {
        if (file.Length < 13)
        {
            return false;
        }

        var i = 13 + ColourTableSize(file[10]);
        while (i < file.Length)
        {
            switch (file[i++])
            {
                case 0x21:
                    i = SkipSubBlocks(file, i + 1);
                    break;
                case 0x2C when i + 9 <= file.Length:
                    i += 9 + ColourTableSize(file[i + 8]) + 1;
                    return SkipSubBlocks(file, i) <= file.Length;
                default:
                    return false;
            }
        }

        return false;
    }

    private static int ColourTableSize(byte flags) => (flags & 0x80) != 0 ? 3 * (1 << ((flags & 0x07) + 1)) : 0;

    // Returns the index after the zero-length terminator, or past the end when the file stops first.
    private static int SkipSubBlocks(ReadOnlySpan<byte> file, int i)
    {
        while (i < file.Length)
        {
            var size = file[i++];
            if (size == 0)
            {
                return i;
            }

            i += size;
        }

        return file.Length + 1;
    }

    private static bool BmpHoldsItsDeclaredSize(ReadOnlySpan<byte> file)
    {
        if (file.Length < 14)
        {
            return false;
        }

        var declaredSize = BinaryPrimitives.ReadUInt32LittleEndian(file[2..]);
        var pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(file[10..]);
        return declaredSize != 0 ? file.Length >= declaredSize : file.Length > pixelOffset;
    }
}
