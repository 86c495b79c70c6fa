using NeuralStyle.Engine.Imaging;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Tests.Web;

/// <summary>The thumbnail of an explore grid or network view: its sketches in a near-square grid, not one wide strip.</summary>
public sealed class PictureGridTests
{
    [Fact]
    public void NineSketchesMakeThreeRowsOfThreeWithWhiteBetween()
    {
        var sketches = Enumerable.Range(0, 9).Select(i => Plain(10, 6, (byte)(i * 20))).ToArray();

        var grid = PictureGrid.Square(sketches, gap: 8);

        Assert.Equal((3 * 10 + 2 * 8, 3 * 6 + 2 * 8), (grid.Width, grid.Height));
        // The sixth sketch (second row, third column) starts at x = 2 * 18, y = 14.
        Assert.Equal(100, Pixel(grid, 2 * 18, 14));
        Assert.Equal(100, Pixel(grid, 2 * 18 + 9, 14 + 5));
        Assert.Equal(255, Pixel(grid, 10, 0));
    }

    [Fact]
    public void ThreeSketchesFillTwoRowsAndLeaveTheLastCellWhite()
    {
        var grid = PictureGrid.Square([Plain(24, 16, 1), Plain(24, 16, 2), Plain(24, 16, 3)]);

        Assert.Equal((2 * 24 + 8, 2 * 16 + 8), (grid.Width, grid.Height));
        Assert.Equal(3, Pixel(grid, 0, 24));
        Assert.Equal(255, Pixel(grid, 32 + 10, 24 + 10));
    }

    private static RgbImage Plain(int width, int height, byte value) => new(width, height, Enumerable.Repeat(value, width * height * 3).ToArray());

    private static byte Pixel(RgbImage image, int x, int y) => image.Pixels[((y * image.Width) + x) * 3];
}
