using NeuralStyle.Engine.Colour;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Tests.Support;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Transfer;

/// <summary>The controls beyond the 2016 paper: colour modes (Gatys et al. 2017), style blend and scale, coarse to fine.</summary>
public class PerceptualControlTests
{
    private static readonly StyleSettings Quick = new()
    {
        Size = 48, Iterations = 30, PreviewEvery = 0, Seed = 3, ContentWeight = 1e-4, StyleWeight = 1, Init = InitKind.Content,
    };

    private static readonly RgbImage Photo = Pictures.Photo(64, 48);
    private static readonly RgbImage RedStripes = Pictures.Stripes(40, 40, 8, (230, 40, 20), (250, 140, 20));

    private static StyleResult Run(StyleSettings settings, params RgbImage[] styles)
    {
        using var backbone = new TinyBackbone();
        return StyleTransfer.Run(backbone, Photo, styles.Length == 0 ? [RedStripes] : styles, settings, new RecordingProgress(), CancellationToken.None);
    }

    [Theory]
    [InlineData(ColourMode.Luminance)]
    [InlineData(ColourMode.OriginalColours)]
    public void ColourPreservingModesKeepThePhotosChroma(ColourMode mode)
    {
        using var scope = NewDisposeScope();
        var result = Run(Quick with { Colour = mode });

        var photo = ImageTensors.FitLongSide(ImageTensors.ToTensor(Photo, CPU), 48);
        var chroma = ColourSpace.RgbToYiq(ImageTensors.ToTensor(result.Image, CPU))[.., 1..3];
        var photoChroma = ColourSpace.RgbToYiq(photo)[.., 1..3];
        // Within 8-bit rounding and clipping at the gamut's edge.
        Assert.True((chroma - photoChroma).abs().mean().item<float>() < 0.02f);

        var plain = Run(Quick);
        var plainChroma = ColourSpace.RgbToYiq(ImageTensors.ToTensor(plain.Image, CPU))[.., 1..3];
        Assert.True((plainChroma - photoChroma).abs().mean().item<float>() > 0.05f, "without the mode the style's red should come in");
    }

    [Fact]
    public void MatchingTheStyleToThePhotoKeepsThePhotosMeanColour()
    {
        var plain = Run(Quick with { ContentWeight = 0 });
        var matched = Run(Quick with { ContentWeight = 0, Colour = ColourMode.MatchStyleToPhoto });
        Assert.True(
            MeanColourDistance(matched.Image, Photo) < MeanColourDistance(plain.Image, Photo) / 2,
            "with the style matched to the photo, the result's mean colour should stay near the photo's");
    }

    [Fact]
    public void BlendWeightOfZeroLeavesThatStyleOut()
    {
        var blue = Pictures.Stripes(40, 40);
        var alone = Run(Quick, RedStripes);
        var blended = Run(Quick with { StyleBlend = [1, 0] }, RedStripes, blue);
        var even = Run(Quick, RedStripes, blue);
        Assert.Equal(alone.Image.Pixels, blended.Image.Pixels);
        Assert.NotEqual(alone.Image.Pixels, even.Image.Pixels);
    }

    [Fact]
    public void BlendNeedsOneWeightPerStyle()
    {
        var error = Assert.Throws<StyleTransferException>(() => Run(Quick with { StyleBlend = [1, 2, 3] }, RedStripes));
        Assert.Contains("1 picture(s), 3 weight(s)", error.Message);
    }

    [Fact]
    public void StyleScaleChangesTheTexturesSize()
    {
        var same = Run(Quick with { ContentWeight = 0 });
        var small = Run(Quick with { ContentWeight = 0, StyleScale = 0.5 });
        Assert.NotEqual(same.Image.Pixels, small.Image.Pixels);
        var error = Assert.Throws<StyleTransferException>(() => Run(Quick with { StyleScale = 10 }));
        Assert.Contains("Style scale", error.Message);
    }

    [Theory]
    [InlineData(2048, 1024, new[] { 512, 1024, 2048 })]
    [InlineData(1500, 1024, new[] { 750, 1500 })]
    [InlineData(1024, 1024, new[] { 1024 })]
    [InlineData(2048, 0, new[] { 2048 })]
    public void LargeOutputsAreMadeCoarseToFine(int size, int threshold, int[] stages)
    {
        Assert.Equal(stages, StyleTransfer.StageSizes(new StyleSettings { Size = size, CoarseToFineAbove = threshold }));
    }

    [Fact]
    public void CoarseToFineRunsEveryStageAndEndsAtFullSize()
    {
        using var backbone = new TinyBackbone();
        var progress = new RecordingProgress();
        var result = StyleTransfer.Run(
            backbone, Photo, [RedStripes], Quick with { Size = 1040, Iterations = 2, StageIterations = 3, PreviewEvery = 1 }, progress, CancellationToken.None);

        Assert.Equal(5, result.Steps.Count);
        Assert.All(result.Steps, s => Assert.Equal(5, s.Iterations));
        Assert.Equal((1040, 780), (result.Image.Width, result.Image.Height));
        Assert.Equal(520, progress.Frames[0].Image.Width);
        Assert.Equal(1040, progress.Frames[^1].Image.Width);
    }

    [Fact]
    public void AFineStageStartsFromItsOwnStartPlusTheCoarseStagesChange()
    {
        using var scope = NewDisposeScope();
        var initial = ImageTensors.ToTensor(Pictures.Stripes(64, 48, 2, (200, 60, 40), (40, 90, 200)), CPU) * 0.8f + 0.1f;

        // A coarse stage that changed nothing hands on exactly the fine stage's own start, fine detail included.
        Assert.True(allclose(StyleTransfer.StageStart(zeros(1, 3, 24, 32), initial), initial, rtol: 0, atol: 0));
        // What it changed comes through at full size, darker as well as brighter.
        Assert.True(allclose(StyleTransfer.StageStart(full(1, 3, 24, 32, 0.05f), initial), initial + 0.05f, atol: 1e-5));
        Assert.True(allclose(StyleTransfer.StageStart(full(1, 3, 24, 32, -0.05f), initial), initial - 0.05f, atol: 1e-5));
    }

    [Fact]
    public void ACoarseStageThatChangesNothingHandsOnThePhotoItself()
    {
        // With no style to match, the photo is already the optimum: the coarse stage does not move, and the full-size
        // stage must start from the full-size photo, not from a half-size copy of it enlarged again.
        var result = Run(Quick with { Size = 1040, Iterations = 1, StageIterations = 2, StyleWeight = 0, TvWeight = 0 });

        Assert.Equal(3, result.Steps.Count);
        Assert.All(result.Steps, s => Assert.Equal(0, s.ContentLoss));
    }

    [Fact]
    public void WhatTheCoarseStagePaintedReachesTheFullSizeStage()
    {
        var straight = Run(Quick with { Size = 1040, Iterations = 1, CoarseToFineAbove = 0 });
        var staged = Run(Quick with { Size = 1040, Iterations = 1, StageIterations = 10 });

        // Both full-size stages start from the same photo; only the coarse stage's change sets them apart.
        Assert.True(
            staged.Steps[^1].StyleLoss < straight.Steps[0].StyleLoss * 0.99,
            $"full-size style loss at the first step: {staged.Steps[^1].StyleLoss} after the coarse stage, {straight.Steps[0].StyleLoss} straight");
    }

    [Fact]
    public void NoiseIsDrawnOnceAtTheCoarsestStageAndEnlarged()
    {
        using var scope = NewDisposeScope();
        var noise = Quick with { Init = InitKind.Noise };
        var (content, style) = (rand(1, 3, 48, 64), rand(1, 3, 40, 40));

        var coarse = StyleTransfer.InitialPicture(noise, content, [style], [1.0], 24, 32);
        var fine = StyleTransfer.InitialPicture(noise, content, [style], [1.0], 48, 64, noiseSize: (24, 32));

        Assert.True(allclose(fine, ImageTensors.Resize(coarse, 48, 64), rtol: 0, atol: 0));
        Assert.False(allclose(StyleTransfer.InitialPicture(noise, content, [style], [1.0], 48, 64), fine, atol: 1e-3), "a single-stage run draws its noise at its own size");
    }

    [Theory]
    [InlineData(390, 520, 4.0)]
    [InlineData(780, 1040, 1.0)]
    public void AStageWeighsContentAsTheFullSizeOutputDoes(long height, long width, double factor)
    {
        // Equation 1 sums over positions, so at half size it is a quarter of the full-size sum for the same change,
        // while equation 4 divides by the positions; the content weight makes up the difference.
        Assert.Equal(factor * 1e-4, StyleTransfer.StageContentWeight(Quick with { Size = 1040 }, (780, 1040), height, width), 12);
    }

    private static double MeanColourDistance(RgbImage a, RgbImage b)
    {
        double Mean(RgbImage image, int c) => image.Pixels.Where((_, i) => i % 3 == c).Average(p => (double)p);
        return Math.Sqrt(Enumerable.Range(0, 3).Sum(c => Math.Pow(Mean(a, c) - Mean(b, c), 2)));
    }
}
