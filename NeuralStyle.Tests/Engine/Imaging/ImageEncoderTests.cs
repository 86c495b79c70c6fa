using System.Text;
using NeuralStyle.Engine.Imaging;
using SixLabors.ImageSharp.Formats.Png;
using static NeuralStyle.Tests.Engine.Imaging.TestPictures;

namespace NeuralStyle.Tests.Engine.Imaging;

public class ImageEncoderTests
{
    private static RgbImage Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    private static bool ContainsChunk(byte[] png, string type) =>
        png.AsSpan().IndexOf(Encoding.ASCII.GetBytes(type)) >= 0;

    [Fact]
    public void PngRoundTripIsLossless()
    {
        var image = Noise(33, 17, seed: 1);

        var loaded = Load(ImageEncoder.EncodePng(image));

        Assert.Equal(image.Pixels, loaded.Pixels);
    }

    [Fact]
    public void PngTextRoundTripsThroughTextChunks()
    {
        var text = new Dictionary<string, string>
        {
            ["Software"] = "NeuralStyle",
            ["Settings"] = "{\"contentWeight\":1,\"styleWeight\":1000000}",
            ["Title"] = "Café under Сова's stars ✨",
            ["Comment"] = new string('x', 3000),
        };

        var png = ImageEncoder.EncodePng(Noise(8, 8, seed: 2), text);
        var read = ImageEncoder.ReadPngText(new MemoryStream(png));

        Assert.Equal(text.OrderBy(p => p.Key), read.OrderBy(p => p.Key));
        Assert.True(ContainsChunk(png, "tEXt"), "Latin-1 values are written as tEXt.");
        Assert.True(ContainsChunk(png, "iTXt"), "Other Unicode is written as iTXt.");
    }

    [Fact]
    public void APngWithoutTextReadsAsEmpty()
    {
        Assert.Empty(ImageEncoder.ReadPngText(new MemoryStream(ImageEncoder.EncodePng(Noise(4, 4, seed: 3)))));
    }

    [Fact]
    public void AJpegHasNoPngText()
    {
        Assert.Empty(ImageEncoder.ReadPngText(new MemoryStream(ImageEncoder.EncodeJpeg(Noise(4, 4, seed: 4)))));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" Leading")]
    [InlineData("Double  space")]
    [InlineData("Emoji✨")]
    public void AnInvalidPngKeywordIsRefusedWithTheRule(string keyword)
    {
        var error = Assert.Throws<ArgumentException>(
            () => ImageEncoder.EncodePng(Noise(2, 2, seed: 5), new Dictionary<string, string> { [keyword] = "value" }));

        Assert.Contains("1 to 79 printable Latin-1 characters", error.Message);
    }

    [Fact]
    public void EncodedPngIsEightBitRgb()
    {
        var png = ImageEncoder.EncodePng(Noise(3, 3, seed: 6));

        // IHDR starts at byte 16: width, height, then bit depth and colour type (2 = truecolour).
        Assert.Equal(8, png[24]);
        Assert.Equal((byte)PngColorType.Rgb, png[25]);
    }

    [Fact]
    public void JpegPreviewIsSmallerAtLowerQualityAndKeepsColours()
    {
        var pixels = new byte[64 * 64 * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = 255;
        }

        var red = new RgbImage(64, 64, pixels);
        var noise = Noise(64, 64, seed: 7);

        var loaded = Load(ImageEncoder.EncodeJpeg(red));

        AssertColour(loaded, 32, 32, (255, 0, 0), tolerance: 12);
        Assert.True(ImageEncoder.EncodeJpeg(noise, quality: 30).Length < ImageEncoder.EncodeJpeg(noise, quality: 95).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageEncoder.EncodeJpeg(red, quality: 0));
    }
}
