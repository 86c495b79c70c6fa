using NeuralStyle.Engine.Colour;
using static NeuralStyle.Tests.Engine.Colour.ColourPictures;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Colour;

public class ColourSpaceTests
{
    [Fact]
    public void RgbToYiqAndBackGivesThePictureWithinOneInAHundredThousand()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var rgb = rand(1, 3, 32, 48, generator: generator);

        var back = ColourSpace.YiqToRgb(ColourSpace.RgbToYiq(rgb));

        Assert.Equal(rgb.shape, back.shape);
        Assert.True(MaxDifference(rgb, back) < 1e-5, $"Round trip differs by {MaxDifference(rgb, back)}.");
    }

    [Fact]
    public void YiqToRgbAndBackGivesTheYiqValues()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(6);
        var rgb = rand(1, 3, 16, 16, generator: generator);
        var yiq = ColourSpace.RgbToYiq(rgb);

        Assert.True(MaxDifference(yiq, ColourSpace.RgbToYiq(ColourSpace.YiqToRgb(yiq))) < 1e-5);
    }

    [Fact]
    public void PureRedHasTheNtscCoefficients()
    {
        using var scope = NewDisposeScope();
        var yiq = ColourSpace.RgbToYiq(Flat(1, 1, 1f, 0f, 0f)).flatten().data<float>().ToArray();

        Assert.Equal(0.299, yiq[0], 6);
        Assert.Equal(0.5959, yiq[1], 6);
        Assert.Equal(0.2115, yiq[2], 6);
    }

    [Fact]
    public void GreyPixelsHaveTheirGreyLevelAsLuminanceAndNoChroma()
    {
        using var scope = NewDisposeScope();
        var grey = GreyNoise(8, 8, 0f, 1f, seed: 9);

        var yiq = ColourSpace.RgbToYiq(grey);

        Assert.True(MaxDifference(yiq.narrow(1, 0, 1), grey.narrow(1, 0, 1)) < 1e-6);
        Assert.True(yiq.narrow(1, 1, 2).abs().max().item<float>() < 1e-6);
    }

    [Fact]
    public void LuminanceIsTheYChannelAsAOneChannelPicture()
    {
        using var scope = NewDisposeScope();
        var rgb = ReddishNoise(12, 20, seed: 1);

        var luminance = ColourSpace.Luminance(rgb);

        Assert.Equal(new long[] { 1, 1, 12, 20 }, luminance.shape);
        Assert.True(MaxDifference(luminance, ColourSpace.RgbToYiq(rgb).narrow(1, 0, 1)) < 1e-7);
    }

    [Fact]
    public void APictureWithoutThreeChannelsIsRejectedWithItsShape()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => ColourSpace.RgbToYiq(zeros(1, 2, 4, 4)));

        Assert.Contains("[1, 2, 4, 4]", error.Message);
    }
}
