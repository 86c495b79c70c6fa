using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Losses;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Tests.Support;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Transfer;

public class StyleTransferTests
{
    // alpha/beta = 1e-4, within the paper's range; the tiny network's content layer is small, so style leads. Runs
    // start from the photo: the tiny random network leaves near-grey noise for many iterations, and these tests are
    // about the optimiser, not the start (the stylize command's test runs the real backbone from noise).
    private static readonly StyleSettings Quick = new()
    {
        Size = 48, Iterations = 40, PreviewEvery = 10, Seed = 3, ContentWeight = 1e-4, StyleWeight = 1, Init = InitKind.Content,
    };

    private static StyleResult Run(StyleSettings settings, RecordingProgress? progress = null, RgbImage? content = null, RgbImage? style = null)
    {
        using var backbone = new TinyBackbone();
        return StyleTransfer.Run(
            backbone,
            content ?? Pictures.Photo(64, 48),
            [style ?? Pictures.Stripes(40, 40)],
            settings,
            progress ?? new RecordingProgress(),
            CancellationToken.None);
    }

    [Fact]
    public void StyleLossFallsFarBelowItsStart()
    {
        var result = Run(Quick);
        Assert.Equal(40, result.Steps.Count);
        Assert.True(result.Steps[^1].StyleLoss < result.Steps[0].StyleLoss / 10,
            $"style loss went from {result.Steps[0].StyleLoss} to {result.Steps[^1].StyleLoss}");
        Assert.True(result.Steps[^1].TotalLoss < result.Steps[0].TotalLoss);
    }

    [Fact]
    public void OutputKeepsTheContentAspectRatioAtTheRequestedLongSide()
    {
        var result = Run(Quick with { Iterations = 2 });
        Assert.Equal((48, 36), (result.Image.Width, result.Image.Height));
    }

    [Fact]
    public void ResultTakesOnTheStyleColours()
    {
        // Red and orange stripes, style alone; the photo starts blue-green on average.
        var style = Pictures.Stripes(40, 40, 8, (230, 40, 20), (250, 140, 20));
        var photo = Pictures.Photo(64, 48);
        // 100 iterations: after 60 the mean colour had covered about half the way (0.49 of the distance left with a
        // 100-pair L-BFGS history, 0.51 with the default 20), too close to the line this test draws.
        var result = Run(Quick with { Iterations = 100, ContentWeight = 0 }, content: photo, style: style);
        Assert.True(
            ColourDistance(result.Image, style) < ColourDistance(photo, style) / 2,
            "the result's mean colour should move from the photo's toward the style picture's");
    }

    [Fact]
    public void SameSeedGivesTheSamePictureAndAnotherSeedAnother()
    {
        var first = Run(Quick with { Iterations = 5, Init = InitKind.Noise });
        var again = Run(Quick with { Iterations = 5, Init = InitKind.Noise });
        var other = Run(Quick with { Iterations = 5, Init = InitKind.Noise, Seed = 4 });
        Assert.Equal(first.Image.Pixels, again.Image.Pixels);
        Assert.NotEqual(first.Image.Pixels, other.Image.Pixels);
    }

    [Fact]
    public void ContentInitStartsWithNoContentLoss()
    {
        var result = Run(Quick with { Iterations = 3 });
        Assert.Equal(0, result.Steps[0].ContentLoss, 6);
        var fromNoise = Run(Quick with { Iterations = 3, Init = InitKind.Noise });
        Assert.True(fromNoise.Steps[0].ContentLoss > 0);
    }

    [Fact]
    public void AdamAlsoLowersTheLoss()
    {
        var result = Run(Quick with { Optimizer = OptimizerKind.Adam, Iterations = 60, LearningRate = 0.05 });
        Assert.True(result.Steps[^1].TotalLoss < result.Steps[0].TotalLoss / 2);
    }

    [Fact]
    public void TotalVariationWeightSmoothsThePicture()
    {
        using var scope = NewDisposeScope();
        var rough = Run(Quick with { Iterations = 30 });
        var smooth = Run(Quick with { Iterations = 30, TvWeight = 1e-3 });
        Assert.Equal(0, rough.Steps[^1].TvLoss);
        Assert.True(smooth.Steps[^1].TvLoss > 0);
        var roughness = StyleLosses.TotalVariation(ImageTensors.ToTensor(rough.Image, CPU)).item<float>();
        var smoothness = StyleLosses.TotalVariation(ImageTensors.ToTensor(smooth.Image, CPU)).item<float>();
        Assert.True(smoothness < roughness / 2, $"total variation {smoothness} with the term, {roughness} without");
    }

    [Fact]
    public void PreviewFramesArriveEveryNIterationsAndAtTheEnd()
    {
        var progress = new RecordingProgress();
        Run(Quick with { Iterations = 25, PreviewEvery = 10 }, progress);
        Assert.Equal(new[] { 10, 20, 25 }, progress.Frames.Select(f => f.Iteration));
        Assert.All(progress.Frames, f => Assert.Equal((48, 36), (f.Image.Width, f.Image.Height)));
    }

    [Fact]
    public void EveryIterationReportsItsLossesAndTime()
    {
        var progress = new RecordingProgress();
        Run(Quick with { Iterations = 5 }, progress);
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, progress.Steps.Select(s => s.Iteration));
        Assert.All(progress.Steps, s =>
        {
            Assert.Equal(5, s.Iterations);
            Assert.Equal(s.ContentWeightedTotal(Quick), s.TotalLoss, s.TotalLoss * 1e-5);
        });
        Assert.True(progress.Steps[^1].Elapsed >= progress.Steps[0].Elapsed);
    }

    [Fact]
    public void CancellationStopsWithinOneIteration()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new RecordingProgress(step =>
        {
            if (step.Iteration == 3)
            {
                cancel.Cancel();
            }
        });
        using var backbone = new TinyBackbone();
        Assert.ThrowsAny<OperationCanceledException>(() => StyleTransfer.Run(
            backbone, Pictures.Photo(64, 48), [Pictures.Stripes(40, 40)], Quick, progress, cancel.Token));
        Assert.Equal(3, progress.Steps.Count);
    }

    [Fact]
    public void UnknownLayerIsNamedWithTheValidOnes()
    {
        var error = Assert.Throws<StyleTransferException>(() => Run(Quick with { ContentLayers = ["conv9_9"] }));
        Assert.Contains("'conv9_9'", error.Message);
        Assert.Contains("relu1, relu2, relu3", error.Message);
    }

    [Theory]
    [InlineData(double.NaN, "Style weight")]
    [InlineData(-1.0, "Style weight")]
    [InlineData(double.PositiveInfinity, "Style weight")]
    public void BadWeightsAreRefusedWithTheReason(double styleWeight, string named)
    {
        var error = Assert.Throws<StyleTransferException>(() => Run(Quick with { StyleWeight = styleWeight }));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void AbsurdSizeAndIterationsAreRefused()
    {
        var error = Assert.Throws<StyleTransferException>(() => Run(Quick with { Size = 100_000, Iterations = 0 }));
        Assert.Contains("Output size", error.Message);
        Assert.Contains("Iterations", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void AnLbfgsHistoryOutOfRangeIsRefused(int pairs)
    {
        var error = Assert.Throws<StyleTransferException>(() => Run(Quick with { LbfgsHistory = pairs }));
        Assert.Contains($"L-BFGS keeps 1 to 1000 curvature pairs (got {pairs})", error.Message);
    }

    [Fact]
    public void ALossThatStaysNaNStopsTheRunAndSaysSo()
    {
        // Two calls compute the targets; the fifth call is the third iteration's evaluation. An overshoot would be undone
        // by shorter trials; a network that keeps answering NaN is given up on after a few, with a sentence.
        using var backbone = new NaNAfter(new TinyBackbone(), evaluations: 5);
        var progress = new RecordingProgress();
        var error = Assert.Throws<StyleTransferException>(() => StyleTransfer.Run(
            backbone, Pictures.Photo(64, 48), [Pictures.Stripes(40, 40)], Quick, progress, CancellationToken.None));
        Assert.Contains($"diverged at iteration {2 + StyleTransfer.NonFiniteTrialsBeforeGivingUp}", error.Message);
        Assert.Contains("NaN", error.Message);
        Assert.Equal(1 + StyleTransfer.NonFiniteTrialsBeforeGivingUp, progress.Steps.Count);
        Assert.All(progress.Steps, s => Assert.True(double.IsFinite(s.TotalLoss), "The chart shows the last good picture's loss, never NaN."));
    }

    [Fact]
    public void StylesOfAnotherSizeAndShapeWork()
    {
        var tall = Run(Quick with { Iterations = 30 }, style: Pictures.Stripes(17, 90));
        var wide = Run(Quick with { Iterations = 30 }, style: Pictures.Stripes(120, 30));
        Assert.True(tall.Steps[^1].StyleLoss < tall.Steps[0].StyleLoss);
        Assert.True(wide.Steps[^1].StyleLoss < wide.Steps[0].StyleLoss);
    }

    [Fact]
    public void PixelsStayInRange()
    {
        using var scope = NewDisposeScope();
        var result = Run(Quick with { Optimizer = OptimizerKind.Adam, LearningRate = 0.5, Iterations = 10 });
        var picture = ImageTensors.ToTensor(result.Image, CPU);
        Assert.InRange(picture.min().item<float>(), 0f, 1f);
        Assert.InRange(picture.max().item<float>(), 0f, 1f);
    }

    private static double ColourDistance(RgbImage a, RgbImage b)
    {
        var (ma, mb) = (MeanColour(a), MeanColour(b));
        return Math.Sqrt(Enumerable.Range(0, 3).Sum(c => Math.Pow(ma[c] - mb[c], 2)));
    }

    private static double[] MeanColour(RgbImage image) =>
        Enumerable.Range(0, 3).Select(c => image.Pixels.Where((_, i) => i % 3 == c).Average(p => (double)p)).ToArray();
}

internal static class StepReportChecks
{
    public static double ContentWeightedTotal(this StepReport step, StyleSettings settings) =>
        settings.ContentWeight * step.ContentLoss + settings.StyleWeight * step.StyleLoss + settings.TvWeight * step.TvLoss;
}
