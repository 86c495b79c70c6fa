using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using EngineTestPictures = NeuralStyle.Tests.Engine.Imaging.TestPictures;

namespace NeuralStyle.Tests.Web.Resilience;

/// <summary>A damaged upload and how it was made, so a failure names what to reproduce.</summary>
public sealed record Mutant(string Format, string FileName, byte[] Bytes, string Recipe);

/// <summary>
/// Seeded mutations of real pictures: generic ones (bit flips, overwritten, inserted, deleted and duplicated bytes,
/// truncation) and ones that know the formats (PNG IHDR sizes and chunk lengths with a valid CRC, JPEG frame sizes,
/// segment lengths and stray markers, GIF screen and frame sizes and LZW code sizes, WebP RIFF and bitstream sizes).
/// </summary>
public sealed class PictureMutator(int seed)
{
    // Edge values of the header fields: zero, one, sign and width boundaries.
    private static readonly uint[] Interesting = [0, 1, 2, 7, 8, 127, 128, 255, 256, 4095, 16383, 32767, 32768, 65535, 65536, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF];

    private readonly Random random = new(seed);

    public IReadOnlyList<(string Format, string Extension, byte[] Bytes)> Originals { get; } = CreateOriginals();

    public Mutant Next()
    {
        var (format, extension, original) = Originals[random.Next(Originals.Count)];
        var bytes = original.ToArray();
        var steps = new List<string>();
        for (var count = random.Next(1, 4); count > 0 && bytes.Length > 0; count--)
        {
            string step;
            (bytes, step) = random.Next(2) == 0 ? Generic(bytes) : FormatAware(format, bytes);
            steps.Add(step);
        }

        return new Mutant(format, $"fuzz.{extension}", bytes, $"{format}: {string.Join(", ", steps)}");
    }

    private static List<(string, string, byte[])> CreateOriginals()
    {
        using var image = new Image<Rgba32>(40, 32);
        var noise = new Random(5);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = new Rgba32((byte)(x * 6), (byte)(y * 8), (byte)noise.Next(256), (byte)(x < 4 ? 128 : 255));
            }
        }

        using var animation = image.Clone();
        using var second = new Image<Rgba32>(40, 32, new Rgba32(0, 0, 255));
        animation.Frames.AddFrame(second.Frames.RootFrame);
        return
        [
            ("PNG", "png", Encode(image, new PngEncoder())),
            ("PNG interlaced", "png", Encode(image, new PngEncoder { InterlaceMethod = PngInterlaceMode.Adam7 })),
            ("PNG palette", "png", Encode(image, new PngEncoder { ColorType = PngColorType.Palette })),
            ("JPEG", "jpg", Encode(image, new JpegEncoder { Quality = 90 })),
            ("JPEG 4:2:0", "jpg", Encode(image, new JpegEncoder { Quality = 75, ColorType = JpegColorType.YCbCrRatio420 })),
            ("GIF", "gif", Encode(image, new GifEncoder())),
            ("GIF animated", "gif", Encode(animation, new GifEncoder())),
            ("WebP lossy", "webp", Encode(image, new WebpEncoder { FileFormat = WebpFileFormatType.Lossy })),
            ("WebP lossless", "webp", Encode(image, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless })),
            ("BMP", "bmp", Encode(image, new BmpEncoder())),
        ];
    }

    private static byte[] Encode(Image image, IImageEncoder encoder) => EngineTestPictures.Encode(image, encoder);

    private (byte[], string) Generic(byte[] bytes)
    {
        // Half the edits land in the first 64 bytes, where headers make the decoder believe things.
        int At(int length) => random.Next(2) == 0 ? random.Next(Math.Min(64, length)) : random.Next(length);
        switch (random.Next(7))
        {
            case 0:
            {
                var at = At(bytes.Length);
                var bit = random.Next(8);
                bytes[at] ^= (byte)(1 << bit);
                return (bytes, $"flip bit {bit} of byte {at}");
            }

            case 1:
            {
                var at = At(bytes.Length);
                var count = Math.Min(random.Next(1, 17), bytes.Length - at);
                random.NextBytes(bytes.AsSpan(at, count));
                return (bytes, $"overwrite {count} bytes at {at}");
            }

            case 2:
            {
                var at = At(bytes.Length);
                var inserted = new byte[random.Next(1, 65)];
                random.NextBytes(inserted);
                return ([.. bytes[..at], .. inserted, .. bytes[at..]], $"insert {inserted.Length} bytes at {at}");
            }

            case 3:
            {
                var at = At(bytes.Length);
                var count = Math.Min(random.Next(1, 65), bytes.Length - at);
                return ([.. bytes[..at], .. bytes[(at + count)..]], $"delete {count} bytes at {at}");
            }

            case 4:
            {
                var kept = random.Next(bytes.Length);
                return (bytes[..kept], $"truncate to {kept} bytes");
            }

            case 5:
            {
                var from = random.Next(bytes.Length);
                var count = Math.Min(random.Next(1, 257), bytes.Length - from);
                var at = At(bytes.Length);
                return ([.. bytes[..at], .. bytes.AsSpan(from, count), .. bytes[at..]], $"duplicate {count} bytes from {from} at {at}");
            }

            default:
            {
                var value = (byte)Interesting[random.Next(Interesting.Length)];
                var at = At(bytes.Length);
                bytes[at] = value;
                return (bytes, $"set byte {at} to {value}");
            }
        }
    }

    private (byte[], string) FormatAware(string format, byte[] bytes) => format.Split(' ')[0] switch
    {
        "PNG" => Png(bytes),
        "JPEG" => Jpeg(bytes),
        "GIF" => Gif(bytes),
        "WebP" => Webp(bytes),
        _ => Bmp(bytes),
    };

    private uint Value() => random.Next(4) == 0 ? (uint)random.Next() : Interesting[random.Next(Interesting.Length)];

    private (byte[], string) Png(byte[] bytes)
    {
        var chunks = PngChunks(bytes);
        if (chunks.Count == 0)
        {
            return Generic(bytes);
        }

        var value = Value();
        switch (random.Next(4))
        {
            case 0 when bytes.Length >= 33:
            {
                var field = random.Next(2);
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16 + 4 * field), value);
                FixCrc(bytes, 8, 13);
                return (bytes, $"IHDR {(field == 0 ? "width" : "height")} = {value} (valid CRC)");
            }

            case 1 when bytes.Length >= 33:
            {
                var at = 24 + random.Next(5); // bit depth, colour type, compression, filter, interlace
                bytes[at] = (byte)value;
                FixCrc(bytes, 8, 13);
                return (bytes, $"IHDR byte {at} = {(byte)value} (valid CRC)");
            }

            case 2:
            {
                var (start, _) = chunks[random.Next(chunks.Count)];
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(start), value);
                return (bytes, $"chunk length at {start} = {value}");
            }

            default:
            {
                var (start, length) = chunks[random.Next(chunks.Count)];
                if (length > 0)
                {
                    var at = start + 8 + random.Next(length);
                    bytes[at] = (byte)random.Next(256);
                    FixCrc(bytes, start, length);
                    return (bytes, $"chunk data byte {at} changed (valid CRC)");
                }

                return Generic(bytes);
            }
        }
    }

    private static List<(int Start, int Length)> PngChunks(byte[] bytes)
    {
        var chunks = new List<(int, int)>();
        for (var i = 8; i + 12 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(i));
            if (length < 0 || i + 12L + length > bytes.Length)
            {
                break;
            }

            chunks.Add((i, length));
            i += 12 + length;
        }

        return chunks;
    }

    private static void FixCrc(byte[] bytes, int chunkStart, int length)
    {
        if (chunkStart + 12 + length > bytes.Length)
        {
            return;
        }

        var crc = EngineTestPictures.Crc32(bytes[(chunkStart + 4)..(chunkStart + 8 + length)]);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(chunkStart + 8 + length), crc);
    }

    private (byte[], string) Jpeg(byte[] bytes)
    {
        var segments = JpegSegments(bytes);
        var value = (ushort)Value();
        switch (random.Next(4))
        {
            case 0 when segments.FirstOrDefault(s => bytes[s + 1] is 0xC0 or 0xC1 or 0xC2) is var frame and > 0 && frame + 9 < bytes.Length:
            {
                var field = random.Next(2);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(frame + 5 + 2 * field), value);
                return (bytes, $"SOF {(field == 0 ? "height" : "width")} = {value}");
            }

            case 1 when segments.FirstOrDefault(s => bytes[s + 1] is 0xC0 or 0xC1 or 0xC2) is var frame and > 0 && frame + 19 < bytes.Length:
            {
                var at = frame + 9 + random.Next(10); // component count, ids, sampling factors, table numbers
                bytes[at] = (byte)value;
                return (bytes, $"SOF byte {at} = {(byte)value}");
            }

            case 2 when segments.Count > 0:
            {
                var segment = segments[random.Next(segments.Count)];
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(segment + 2), value);
                return (bytes, $"segment FF{bytes[segment + 1]:X2} at {segment} length = {value}");
            }

            default:
            {
                byte[] markers = [0xD8, 0xD9, 0xDA, 0xC4, 0xDB, 0xDD, 0xC2, 0xD0, 0xE1, 0x00];
                var marker = markers[random.Next(markers.Length)];
                var at = random.Next(bytes.Length);
                byte[] inserted = random.Next(2) == 0 ? [0xFF, marker] : [0xFF, marker, (byte)(value >> 8), (byte)value];
                return ([.. bytes[..at], .. inserted, .. bytes[at..]], $"insert marker FF{marker:X2} ({inserted.Length} bytes) at {at}");
            }
        }
    }

    // Offsets of the marker segments before the first scan's entropy-coded data.
    private static List<int> JpegSegments(byte[] bytes)
    {
        var segments = new List<int>();
        for (var i = 2; i + 4 <= bytes.Length && bytes[i] == 0xFF;)
        {
            segments.Add(i);
            if (bytes[i + 1] == 0xDA)
            {
                break;
            }

            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i + 2));
        }

        return segments;
    }

    private (byte[], string) Gif(byte[] bytes)
    {
        var value = (ushort)Value();
        var descriptor = bytes.Length > 13 ? Array.IndexOf(bytes, (byte)0x2C, 13) : -1;
        switch (random.Next(4))
        {
            case 0 when bytes.Length >= 13:
            {
                var field = random.Next(2);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6 + 2 * field), value);
                return (bytes, $"screen {(field == 0 ? "width" : "height")} = {value}");
            }

            case 1 when descriptor > 0 && descriptor + 10 <= bytes.Length:
            {
                var field = random.Next(4); // left, top, width, height
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(descriptor + 1 + 2 * field), value);
                return (bytes, $"image descriptor field {field} = {value}");
            }

            case 2 when descriptor > 0 && descriptor + 11 < bytes.Length:
            {
                var at = descriptor + 10 + ((bytes[descriptor + 9] & 0x80) != 0 ? 3 * (1 << ((bytes[descriptor + 9] & 7) + 1)) : 0);
                if (at < bytes.Length)
                {
                    bytes[at] = (byte)random.Next(16);
                    return (bytes, $"LZW minimum code size = {bytes[at]}");
                }

                return Generic(bytes);
            }

            case 3 when bytes.Length >= 13 && descriptor + 9 < bytes.Length:
            {
                var at = random.Next(2) == 0 ? 10 : Math.Max(10, descriptor + 9);
                bytes[at] = (byte)value;
                return (bytes, $"packed flags at {at} = {(byte)value}");
            }

            default:
                return Generic(bytes);
        }
    }

    private (byte[], string) Webp(byte[] bytes)
    {
        var value = Value();
        switch (random.Next(4))
        {
            case 0 when bytes.Length >= 12:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), value);
                return (bytes, $"RIFF size = {value}");

            case 1 when bytes.Length >= 20:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), value);
                return (bytes, $"first chunk size = {value}");

            case 2 when bytes.Length >= 30:
            {
                // VP8L: 14-bit width and height right after the 0x2F signature; VP8: 14-bit sizes after the start code.
                var at = bytes[15] == (byte)'L' ? 21 : 26 + 2 * random.Next(2);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)value);
                return (bytes, $"bitstream size field at {at} = {(ushort)value}");
            }

            case 3 when bytes.Length >= 16:
            {
                byte[][] fourCcs = ["VP8 "u8.ToArray(), "VP8L"u8.ToArray(), "VP8X"u8.ToArray(), "ANIM"u8.ToArray(), "ALPH"u8.ToArray()];
                var fourCc = fourCcs[random.Next(fourCcs.Length)];
                fourCc.CopyTo(bytes, 12);
                return (bytes, $"first chunk renamed {System.Text.Encoding.ASCII.GetString(fourCc)}");
            }

            default:
                return Generic(bytes);
        }
    }

    private (byte[], string) Bmp(byte[] bytes)
    {
        if (bytes.Length < 54)
        {
            return Generic(bytes);
        }

        // File size, pixel offset, header size, width, height, planes+bits, compression, image size, colours used.
        int[] fields = [2, 10, 14, 18, 22, 26, 30, 34, 46];
        var at = fields[random.Next(fields.Length)];
        var value = Value();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
        return (bytes, $"BMP header field at {at} = {value}");
    }
}
