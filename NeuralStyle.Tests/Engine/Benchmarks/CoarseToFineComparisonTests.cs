using NeuralStyle.Engine.Benchmarks;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Tests.Support;

namespace NeuralStyle.Tests.Engine.Benchmarks;

public class CoarseToFineComparisonTests
{
    private static readonly StyleSettings Settings = new() { Seed = 5, ContentWeight = 1e-4, StyleWeight = 1, Init = InitKind.Noise };

    [Fact]
    public void CoarseToFineReachesTheStraightRunsLossAtFullSizeAndStopsThere()
    {
        using var backbone = new TinyBackbone();
        var pair = new PicturePair("photo+stripes", Pictures.Photo(64, 48), Pictures.Stripes(40, 40));

        var result = CoarseToFineComparison.Run(backbone, pair, Settings, size: 1024, iterations: 8, stageIterations: 8);

        Assert.Equal([1024], result.Straight.Stages);
        Assert.Equal([512, 1024], result.CoarseToFine.Stages);
        Assert.Equal(8, result.Straight.Iterations);
        Assert.Equal(result.Straight.FinalLoss, result.TargetLoss);
        Assert.Equal(1, result.Straight.FullSizeStart.Iteration);
        Assert.Equal(9, result.CoarseToFine.FullSizeStart.Iteration);
        Assert.NotNull(result.CoarseToFine.SecondsToTarget);
        Assert.True(result.CoarseToFine.FinalLoss <= result.TargetLoss, $"stopped at {result.CoarseToFine.FinalLoss}, target {result.TargetLoss}");
        Assert.InRange(result.CoarseToFine.Iterations, 9, 16);
        Assert.Equal(result.CoarseToFine.Seconds, result.CoarseToFine.SecondsToTarget);
        Assert.Equal(result.Straight.SecondsToTarget!.Value / result.CoarseToFine.SecondsToTarget!.Value, result.Speedup);
    }

    [Fact]
    public void SizesWithoutACoarserStageAreRefusedBeforeRunning()
    {
        using var backbone = new TinyBackbone();
        var pair = new PicturePair("photo+stripes", Pictures.Photo(64, 48), Pictures.Stripes(40, 40));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CoarseToFineComparison.Run(backbone, pair, Settings, size: 800, iterations: 5, stageIterations: 5));

        Assert.Contains("at least 1024 px", error.Message);
        Assert.Equal(0, backbone.ConvolutionsRun);
    }
}
