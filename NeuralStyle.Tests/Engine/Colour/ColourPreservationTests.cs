using NeuralStyle.Engine.Colour;
using TorchSharp;
using static NeuralStyle.Tests.Engine.Colour.ColourPictures;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Colour;

public class ColourPreservationTests
{
    [Fact]
    public void MatchHistogramGivesTheStyleTheContentsColourMeanAndCovariance()
    {
        using var scope = NewDisposeScope();
        var style = ReddishNoise(48, 64, seed: 1);
        var content = BluishGradient(40, 56, seed: 2);
        var (styleMean, _) = ColourStatistics(style);
        var (contentMean, contentCovariance) = ColourStatistics(content);
        Assert.True(MaxDifference(styleMean, contentMean) > 0.2, "The test pictures should start far apart.");

        var matched = ColourPreservation.MatchHistogram(style, content);

        Assert.Equal(style.shape, matched.shape);
        var (mean, covariance) = ColourStatistics(matched);
        Assert.True(MaxDifference(mean, contentMean) < 1e-4, $"Means differ by {MaxDifference(mean, contentMean)}.");
        // Entries are 1e-4..1e-2; the ridge on the style's covariance costs about 1e-6 of them.
        Assert.True(MaxDifference(covariance, contentCovariance) < 1e-5, $"Covariances differ by {MaxDifference(covariance, contentCovariance)}.");
    }

    [Fact]
    public void MatchColoursGivesThePhotoTheStylesColourMeanAndCovariance()
    {
        using var scope = NewDisposeScope();
        // Reddish onto bluish, the direction in which no matched pixel leaves 0..1, so clamping bends nothing.
        var photo = ReddishNoise(48, 64, seed: 1);
        var style = BluishGradient(40, 56, seed: 2);
        var (styleMean, styleCovariance) = ColourStatistics(style);

        var matched = ColourPreservation.MatchColours(photo, [style], [1.0]);

        Assert.Equal(photo.shape, matched.shape);
        var (mean, covariance) = ColourStatistics(matched);
        Assert.True(MaxDifference(mean, styleMean) < 1e-4, $"Means differ by {MaxDifference(mean, styleMean)}.");
        Assert.True(MaxDifference(covariance, styleCovariance) < 1e-5, $"Covariances differ by {MaxDifference(covariance, styleCovariance)}.");
    }

    [Fact]
    public void MatchColoursToTwoStylesTakesTheStatisticsOfTheirPooledPixels()
    {
        using var scope = NewDisposeScope();
        var photo = ReddishNoise(40, 40, seed: 1);
        var blue = BluishGradient(30, 30, seed: 2);
        var grey = GreyNoise(30, 30, 0.2f, 0.9f, seed: 5);
        // Pooled pixels in the proportions 3:1: the blue picture three times beside the grey one, side by side.
        var pooled = cat([blue, blue, blue, grey], 3);

        var mixed = ColourPreservation.MatchColours(photo, [blue, grey], [0.75, 0.25]);
        var matchedToPooled = ColourPreservation.MatchColours(photo, [pooled], [1.0]);

        Assert.True(allclose(mixed, matchedToPooled, atol: 1e-5), $"The two differ by up to {(mixed - matchedToPooled).abs().max().item<float>():g3}.");
    }

    [Fact]
    public void MatchHistogramTurnsTheReddishStyleBlue()
    {
        using var scope = NewDisposeScope();
        var matched = ColourPreservation.MatchHistogram(ReddishNoise(32, 32, seed: 3), BluishGradient(32, 32, seed: 4));

        var (mean, _) = ColourStatistics(matched);
        var rgb = mean.data<double>().ToArray();
        Assert.True(rgb[2] > rgb[0] + 0.3, $"Expected blue to dominate, got mean RGB ({string.Join(", ", rgb)}).");
    }

    [Fact]
    public void MatchHistogramOfAPictureToItselfLeavesItUnchanged()
    {
        using var scope = NewDisposeScope();
        var picture = BluishGradient(24, 24, seed: 5);

        Assert.True(MaxDifference(ColourPreservation.MatchHistogram(picture, picture), picture) < 1e-4);
    }

    [Fact]
    public void MatchHistogramOfAFlatStylePictureGivesTheContentsMeanColourWithoutNaN()
    {
        using var scope = NewDisposeScope();
        var content = BluishGradient(16, 16, seed: 6);
        var (contentMean, _) = ColourStatistics(content);

        var matched = ColourPreservation.MatchHistogram(Flat(16, 16, 0.5f, 0.3f, 0.2f), content);

        Assert.False(matched.isnan().any().item<bool>());
        var expected = contentMean.view(1, 3, 1, 1).expand(1, 3, 16, 16);
        Assert.True(MaxDifference(matched, expected) < 1e-5, $"Differs from the content's mean by {MaxDifference(matched, expected)}.");
    }

    [Fact]
    public void MatchHistogramOntoAFlatPhotoPaintsEverythingInThePhotosColour()
    {
        using var scope = NewDisposeScope();
        var matched = ColourPreservation.MatchHistogram(ReddishNoise(16, 16, seed: 7), Flat(8, 8, 0.1f, 0.6f, 0.3f));

        Assert.False(matched.isnan().any().item<bool>());
        Assert.True(MaxDifference(matched, Flat(16, 16, 0.1f, 0.6f, 0.3f)) < 1e-5);
    }

    [Fact]
    public void MatchHistogramStaysInsideTheUnitRange()
    {
        using var scope = NewDisposeScope();
        // A high-contrast photo: the style's noise, mapped onto its covariance, spills past 0 and 1 before the clamp.
        using var generator = new Generator(8);
        var contrasty = (rand(1, 3, 32, 32, generator: generator) > 0.5f).to(ScalarType.Float32);

        var matched = ColourPreservation.MatchHistogram(ReddishNoise(32, 32, seed: 9), contrasty);

        Assert.InRange(matched.min().item<float>(), 0f, 1f);
        Assert.InRange(matched.max().item<float>(), 0f, 1f);
    }

    [Fact]
    public void LuminanceAsRgbHasTheLuminanceInEveryChannel()
    {
        using var scope = NewDisposeScope();
        var rgb = ReddishNoise(10, 14, seed: 10);
        var luminance = ColourSpace.Luminance(rgb);

        var grey = ColourPreservation.LuminanceAsRgb(rgb);

        Assert.Equal(rgb.shape, grey.shape);
        for (var channel = 0; channel < 3; channel++)
        {
            Assert.Equal(0.0, MaxDifference(grey.narrow(1, channel, 1), luminance));
        }

        // The Y weights sum to one, so the grey copy has the same luminance as the picture.
        Assert.True(MaxDifference(ColourSpace.Luminance(grey), luminance) < 1e-6);
    }

    [Fact]
    public void MatchLuminanceGivesTheContentsLuminanceMeanAndStandardDeviation()
    {
        using var scope = NewDisposeScope();
        var styleLuminance = ColourSpace.Luminance(ReddishNoise(40, 40, seed: 11));
        var contentLuminance = ColourSpace.Luminance(BluishGradient(30, 50, seed: 12));

        var matched = ColourPreservation.MatchLuminance(styleLuminance, contentLuminance);

        Assert.Equal(styleLuminance.shape, matched.shape);
        Assert.Equal(Mean(contentLuminance), Mean(matched), 5);
        Assert.Equal(Deviation(contentLuminance), Deviation(matched), 5);
        Assert.NotEqual(Deviation(styleLuminance), Deviation(matched), 2);
    }

    [Fact]
    public void MatchLuminanceTreatsTheThreeChannelCopyLikeTheLuminance()
    {
        using var scope = NewDisposeScope();
        var style = ReddishNoise(20, 20, seed: 13);
        var content = BluishGradient(20, 20, seed: 14);

        var fromCopies = ColourPreservation.MatchLuminance(ColourPreservation.LuminanceAsRgb(style), ColourPreservation.LuminanceAsRgb(content));
        var fromLuminance = ColourPreservation.MatchLuminance(ColourSpace.Luminance(style), ColourSpace.Luminance(content));

        Assert.Equal(new long[] { 1, 3, 20, 20 }, fromCopies.shape);
        Assert.True(MaxDifference(fromCopies, fromLuminance.expand(1, 3, 20, 20)) < 1e-6);
    }

    [Fact]
    public void MatchLuminanceOfAFlatStyleGivesTheContentsMeanWithoutNaN()
    {
        using var scope = NewDisposeScope();
        var contentLuminance = ColourSpace.Luminance(BluishGradient(16, 16, seed: 15));

        var matched = ColourPreservation.MatchLuminance(full(1, 1, 16, 16, 0.7f), contentLuminance);

        Assert.False(matched.isnan().any().item<bool>());
        Assert.True(MaxDifference(matched, full(1, 1, 16, 16, (float)Mean(contentLuminance))) < 1e-6);
    }

    [Fact]
    public void RecombineWithContentColourKeepsTheResultsLuminanceAndTheContentsChroma()
    {
        using var scope = NewDisposeScope();
        var content = BluishGradient(24, 24, seed: 16);
        var stylised = ColourPreservation.LuminanceAsRgb(ReddishNoise(24, 24, seed: 17));

        var recombined = ColourSpace.RgbToYiq(ColourPreservation.RecombineWithContentColour(stylised, content));

        Assert.True(MaxDifference(recombined.narrow(1, 0, 1), ColourSpace.Luminance(stylised)) < 1e-5);
        Assert.True(MaxDifference(recombined.narrow(1, 1, 2), ColourSpace.RgbToYiq(content).narrow(1, 1, 2)) < 1e-5);
    }

    [Fact]
    public void KeepOriginalColoursTurnsAGreyResultRedWithTheResultsLuminance()
    {
        using var scope = NewDisposeScope();
        var greyResult = GreyNoise(20, 20, 0.3f, 0.55f, seed: 18);
        var redPhoto = Flat(20, 20, 0.7f, 0.25f, 0.25f);

        var coloured = ColourPreservation.KeepOriginalColours(greyResult, redPhoto);

        var (mean, _) = ColourStatistics(coloured);
        var rgb = mean.data<double>().ToArray();
        Assert.True(rgb[0] > rgb[1] + 0.3 && rgb[0] > rgb[2] + 0.3, $"Expected red, got mean RGB ({string.Join(", ", rgb)}).");
        Assert.True(MaxDifference(ColourSpace.Luminance(coloured), ColourSpace.Luminance(greyResult)) < 1e-5);
        // The photo is flat, so every pixel carries its chroma: R - G is the photo's 0.45 everywhere.
        Assert.True(MaxDifference(coloured.narrow(1, 0, 1) - coloured.narrow(1, 1, 1), full(1, 1, 20, 20, 0.45f)) < 1e-5);
    }

    [Fact]
    public void KeepOriginalColoursClampsToTheUnitRange()
    {
        using var scope = NewDisposeScope();
        var coloured = ColourPreservation.KeepOriginalColours(Flat(8, 8, 1f, 1f, 1f), Flat(8, 8, 1f, 0f, 0f));

        Assert.InRange(coloured.min().item<float>(), 0f, 1f);
        Assert.InRange(coloured.max().item<float>(), 0f, 1f);
        Assert.Equal(1f, coloured.narrow(1, 0, 1).min().item<float>());
    }

    [Fact]
    public void PicturesOfDifferentSizesAreRejectedWithBothSizes()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(
            () => ColourPreservation.KeepOriginalColours(Flat(32, 48, 0.5f, 0.5f, 0.5f), Flat(30, 40, 1f, 0f, 0f)));

        Assert.Contains("40 x 30", error.Message);
        Assert.Contains("48 x 32", error.Message);
    }

    [Fact]
    public void EachFunctionLeavesOnlyItsResultAlive()
    {
        using var scope = NewDisposeScope();
        var style = ReddishNoise(16, 16, seed: 19);
        var content = BluishGradient(16, 16, seed: 20);
        var styleLuminance = ColourSpace.Luminance(style);
        var contentLuminance = ColourSpace.Luminance(content);
        Func<Tensor>[] calls =
        [
            () => ColourSpace.RgbToYiq(style),
            () => ColourSpace.YiqToRgb(style),
            () => ColourSpace.Luminance(style),
            () => ColourPreservation.MatchHistogram(style, content),
            () => ColourPreservation.LuminanceAsRgb(style),
            () => ColourPreservation.MatchLuminance(styleLuminance, contentLuminance),
            () => ColourPreservation.RecombineWithContentColour(style, content),
            () => ColourPreservation.KeepOriginalColours(style, content),
        ];

        foreach (var call in calls)
        {
            var before = LiveTensors;
            using var result = call();
            Assert.Equal(before + 1, LiveTensors);
        }
    }

    private static long LiveTensors => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    private static double Mean(Tensor t) => t.to(ScalarType.Float64).mean().item<double>();

    private static double Deviation(Tensor t) => t.to(ScalarType.Float64).std(unbiased: false).item<double>();
}
