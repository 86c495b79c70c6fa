using System.Buffers.Binary;
using System.Text;
using NeuralStyle.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Tests.Engine.Imaging;

/// <summary>Pictures the imaging tests write themselves, so every expected colour and size is known.</summary>
internal static class TestPictures
{
    public static readonly Rgba32 Red = new(255, 0, 0, 255);
    public static readonly Rgba32 Blue = new(0, 0, 255, 255);

    public static byte[] Solid<TPixel>(int width, int height, TPixel colour, IImageEncoder encoder)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var image = new Image<TPixel>(width, height, colour);
        return Encode(image, encoder);
    }

    public static void FillRectangle(Image<Rgba32> image, Rectangle area, Rgba32 colour)
    {
        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                image[x, y] = colour;
            }
        }
    }

    public static byte[] Encode(Image image, IImageEncoder encoder)
    {
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    public static RgbImage Load(byte[] bytes, ImageLimits? limits = null) =>
        ImageLoader.Load(new MemoryStream(bytes), limits ?? ImageLimits.Default);

    public static (byte R, byte G, byte B) PixelAt(RgbImage image, int x, int y)
    {
        var i = (y * image.Width + x) * 3;
        return (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]);
    }

    public static void AssertColour(RgbImage image, int x, int y, (byte R, byte G, byte B) expected, int tolerance = 0)
    {
        var actual = PixelAt(image, x, y);
        Assert.True(
            Math.Abs(actual.R - expected.R) <= tolerance
            && Math.Abs(actual.G - expected.G) <= tolerance
            && Math.Abs(actual.B - expected.B) <= tolerance,
            $"Pixel ({x}, {y}) is {actual}, expected {expected} within {tolerance}.");
    }

    /// <summary>
    /// A valid PNG signature and IHDR chunk claiming <paramref name="width"/> x <paramref name="height"/> RGB pixels,
    /// followed by a few bytes of image data and IEND: a tiny file that would need gigabytes if decoded.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        output.Write(crc);
    }

    // The CRC-32 of PNG's chunk trailer (ISO 3309, reflected polynomial 0xEDB88320).
    public static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
