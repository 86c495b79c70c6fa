using NeuralStyle.Engine.Imaging;
using static NeuralStyle.Tests.Engine.Imaging.TestPictures;

namespace NeuralStyle.Tests.Engine.Imaging;

public class ImageResizerTests
{
    private static RgbImage Uniform(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        }

        return new RgbImage(width, height, pixels);
    }

    [Theory]
    [InlineData(400, 300, 200, 200, 150)]
    [InlineData(300, 400, 200, 150, 200)]
    [InlineData(50, 25, 100, 100, 50)]
    [InlineData(1000, 3, 100, 100, 1)]
    [InlineData(3, 1000, 512, 2, 512)]
    [InlineData(640, 427, 512, 512, 342)]
    public void FitLongSideKeepsTheAspectRatio(int width, int height, int longSide, int expectedWidth, int expectedHeight)
    {
        var resized = ImageResizer.FitLongSide(Uniform(width, height, 10, 20, 30), longSide);

        Assert.Equal((expectedWidth, expectedHeight), (resized.Width, resized.Height));
    }

    [Fact]
    public void FitLongSideReturnsTheSamePictureWhenItAlreadyFits()
    {
        var image = Uniform(64, 32, 1, 2, 3);

        Assert.Same(image, ImageResizer.FitLongSide(image, 64));
    }

    [Theory]
    [InlineData(100, 60, 37, 23)]
    [InlineData(20, 10, 77, 41)]
    public void ResizingAUniformPictureKeepsItsColour(int width, int height, int newWidth, int newHeight)
    {
        var resized = ImageResizer.Resize(Uniform(width, height, 200, 100, 50), newWidth, newHeight);

        Assert.Equal((newWidth, newHeight), (resized.Width, resized.Height));
        AssertColour(resized, 0, 0, (200, 100, 50), tolerance: 1);
        AssertColour(resized, newWidth / 2, newHeight / 2, (200, 100, 50), tolerance: 1);
        AssertColour(resized, newWidth - 1, newHeight - 1, (200, 100, 50), tolerance: 1);
    }

    [Fact]
    public void ShrinkingKeepsLeftAndRightHalvesApart()
    {
        var pixels = new byte[64 * 32 * 3];
        for (var y = 0; y < 32; y++)
        {
            for (var x = 32; x < 64; x++)
            {
                Array.Fill(pixels, (byte)255, (y * 64 + x) * 3, 3);
            }
        }

        var resized = ImageResizer.Resize(new RgbImage(64, 32, pixels), 16, 8);

        AssertColour(resized, 2, 4, (0, 0, 0), tolerance: 2);
        AssertColour(resized, 13, 4, (255, 255, 255), tolerance: 2);
    }

    [Fact]
    public void ConversionToImageSharpAndBackIsLossless()
    {
        var pixels = new byte[7 * 5 * 3];
        new Random(7).NextBytes(pixels);
        var image = new RgbImage(7, 5, pixels);

        using var converted = image.ToImageSharp();
        var back = converted.ToRgbImage();

        Assert.Equal(image.Pixels, back.Pixels);
        Assert.Equal((7, 5), (back.Width, back.Height));
    }
}
