using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Quality;
using static NeuralStyle.Tests.Engine.Quality.QualityPictures;

namespace NeuralStyle.Tests.Engine.Quality;

public class PictureMeasuresTests
{
    private static readonly RgbImage Photo = QualityPictures.Photo();
    private static readonly RgbImage Painting = QualityPictures.Painting();

    [Fact]
    public void ThePhotoItselfAddsNoGridAndKeepsEverything()
    {
        var quality = PictureQuality.Measure(Photo, Photo, Painting);

        Assert.Equal(0, quality.Grid, 12);
        Assert.Equal(1, quality.Colour, 12);
        Assert.Equal(1, quality.Texture, 12);
        Assert.Equal(1, quality.Layout, 12);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ACheckerboardOfAFewGreyLevelsReadsAsAVisibleGrid(int period)
    {
        var grid = PictureMeasures.Grid(WithCheckerboard(Photo, period, 6), Photo);

        Assert.True(grid > 0.3, $"A {period} px checkerboard of +-6 grey levels gave grid {grid:F3}.");
    }

    [Fact]
    public void AStrongerCheckerboardGivesAHigherGrid()
    {
        var grids = new[] { 1, 3, 9 }.Select(amplitude => PictureMeasures.Grid(WithCheckerboard(Photo, 2, amplitude), Photo)).ToArray();

        Assert.True(grids[0] < grids[1] && grids[1] < grids[2], $"+-1, 3 and 9 grey levels gave {string.Join(", ", grids.Select(g => g.ToString("F3")))}.");
    }

    [Fact]
    public void GrainWithoutAPeriodIsNotAGrid()
    {
        var grid = PictureMeasures.Grid(WithNoise(Photo, 12, seed: 7), Photo);

        Assert.True(grid < 0.1, $"Random grain of +-12 grey levels gave grid {grid:F3}.");
    }

    [Fact]
    public void AnotherPictureInThePaintingsColoursHasItsColours()
    {
        var colour = PictureMeasures.Colour(SameStyle, Photo, Painting);

        Assert.True(colour < 0.05, $"Gave colour {colour:F3}.");
    }

    [Fact]
    public void MorePaintingInThePictureGivesLowerColour()
    {
        var quarter = PictureMeasures.Colour(LeftOf(SameStyle, Photo, 0.25), Photo, Painting);
        var half = PictureMeasures.Colour(LeftOf(SameStyle, Photo, 0.5), Photo, Painting);

        Assert.True(quarter < 0.95 && half < quarter - 0.05, $"A quarter painted gave {quarter:F3}, half {half:F3}.");
    }

    [Fact]
    public void ColourIgnoresWhereThePixelsAre()
    {
        var colour = PictureMeasures.Colour(Mirrored(Photo), Photo, Painting);

        Assert.Equal(1, colour, 9);
    }

    [Fact]
    public void ThePaintingsStrokesHaveItsTexture()
    {
        var texture = PictureMeasures.Texture(SameStyle, Photo, Painting);

        Assert.True(texture < 0.15, $"Gave texture {texture:F3}.");
    }

    [Fact]
    public void ARecolouredPhotoKeepsThePhotosTexture()
    {
        var texture = PictureMeasures.Texture(Tinted(Photo, (30, 60, 190), 0.5), Photo, Painting);

        Assert.True(texture > 0.8, $"The photo tinted blue gave texture {texture:F3}; a colour change is no new texture.");
    }

    [Fact]
    public void MoreStrokesInThePictureGiveLowerTexture()
    {
        var quarter = PictureMeasures.Texture(LeftOf(SameStyle, Photo, 0.25), Photo, Painting);
        var half = PictureMeasures.Texture(LeftOf(SameStyle, Photo, 0.5), Photo, Painting);

        Assert.True(quarter < 0.9 && half < quarter - 0.1, $"A quarter painted gave {quarter:F3}, half {half:F3}.");
    }

    [Fact]
    public void RecolouringKeepsTheLayoutAndMirroringLosesIt()
    {
        var recoloured = PictureMeasures.Layout(Tinted(Photo, (30, 60, 190), 0.5), Photo);
        var mirrored = PictureMeasures.Layout(Mirrored(Photo), Photo);

        Assert.True(recoloured > 0.9, $"Recoloured: {recoloured:F3}.");
        Assert.True(mirrored < 0.3, $"Mirrored left to right: {mirrored:F3}.");
    }

    [Fact]
    public void GridAndLayoutCompareOnlyPicturesOfOneSize()
    {
        var smaller = ImageResizer.Resize(Photo, 80, 60);

        var error = Assert.Throws<ArgumentException>(() => PictureMeasures.Layout(smaller, Photo));
        Assert.Contains("80x60", error.Message);
    }

    [Fact]
    public void MeasureBringsThePhotoToTheResultsSizeFirst()
    {
        var quality = PictureQuality.Measure(ImageResizer.Resize(Photo, 80, 60), Photo, Painting);

        Assert.True(quality.Layout > 0.95 && Math.Abs(quality.Grid) < 0.1, quality.ToString());
    }

    /// <summary>Another picture of the painting's kind (new grain, the photo's size), as a perfect result would be.</summary>
    private static readonly RgbImage SameStyle = QualityPictures.Painting(Photo.Width, Photo.Height, seed: 9);
}
