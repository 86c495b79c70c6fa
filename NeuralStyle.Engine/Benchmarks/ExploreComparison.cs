// Issue 6's explore grid "batched through the network together where that is faster": batched against one by one.
using System.Diagnostics;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Engine.Benchmarks;

/// <summary>Wall times of one explore grid run both ways, over several rounds.</summary>
/// <param name="Sketches">Variants in the grid.</param>
/// <param name="Size">Their long side.</param>
/// <param name="Iterations">Iterations of each.</param>
/// <param name="Batched">Seconds for the grid as one batch (<see cref="SketchRun.Run"/>), one per round.</param>
/// <param name="OneByOne">Seconds for the same sketches through <see cref="StyleTransfer.Run"/> one after another, one per round.</param>
public sealed record ExploreTiming(int Sketches, int Size, int Iterations, IReadOnlyList<double> Batched, IReadOnlyList<double> OneByOne)
{
    /// <summary>Median one-by-one time over median batched time: above 1 where batching is faster.</summary>
    public double Speedup => Timing.Of(OneByOne).MedianMs / Timing.Of(Batched).MedianMs;
}

/// <summary>Times a content/style ratio grid batched and one by one, alternating which goes first from round to round.</summary>
public static class ExploreComparison
{
    /// <summary>
    /// Runs a <paramref name="count"/>-variant ratio grid of <paramref name="full"/> at <paramref name="size"/> on
    /// <paramref name="pair"/>, <paramref name="rounds"/> times each way, after one unmeasured sketch warms the network up.
    /// </summary>
    public static ExploreTiming Run(IBackbone backbone, PicturePair pair, StyleSettings full, int count, SketchSize size, int rounds, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var grid = ExploreGrid.Build(full with { PreviewEvery = 0 }, ExploreAxis.ContentStyleRatio, count, LayerDepths.Of(backbone), size);
        var silent = new Silent();
        StyleTransfer.Run(backbone, pair.Content, [pair.Style], grid[0].Settings with { Iterations = 2 }, silent, cancellationToken);

        double Batched() => Seconds(() => SketchRun.Run(backbone, pair.Content, [pair.Style], grid, silent, (_, _) => { }, cancellationToken));
        double OneByOne() => Seconds(() => grid.Select(s => StyleTransfer.Run(backbone, pair.Content, [pair.Style], s.Settings, silent, cancellationToken)).ToArray());
        var (batched, oneByOne) = (new List<double>(rounds), new List<double>(rounds));
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                batched.Add(Batched());
                oneByOne.Add(OneByOne());
            }
            else
            {
                oneByOne.Add(OneByOne());
                batched.Add(Batched());
            }
        }

        return new ExploreTiming(grid.Count, size.Size, size.Iterations, batched, oneByOne);
    }

    private static double Seconds(Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }

    private sealed class Silent : IStyleProgress
    {
        public void Report(StepReport step)
        {
        }

        public void Preview(PreviewFrame frame)
        {
        }
    }
}
