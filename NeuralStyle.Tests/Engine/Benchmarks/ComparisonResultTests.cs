using NeuralStyle.Engine.Benchmarks;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Tests.Engine.Benchmarks;

public sealed class ComparisonResultTests
{
    [Fact]
    public void BestIsTheLowestLossOnThatPairAtThatCountAndSkipsDivergedRuns()
    {
        var result = new ComparisonResult(
            [50, 100],
            [
                new ComparisonRow("cat", OptimizerKind.Lbfgs, InitKind.Noise, 100, [3.0, 1.0], 1),
                new ComparisonRow("cat", OptimizerKind.Adam, InitKind.Content, 100, [2.0, null], 1),
                new ComparisonRow("dog", OptimizerKind.Adam, InitKind.Style, 100, [0.5, 0.1], 1),
            ]);

        Assert.Equal((OptimizerKind.Adam, InitKind.Content), (result.Best("cat", 0).Optimizer, result.Best("cat", 0).Init));
        Assert.Equal((OptimizerKind.Lbfgs, InitKind.Noise), (result.Best("cat", 1).Optimizer, result.Best("cat", 1).Init));
    }
}
