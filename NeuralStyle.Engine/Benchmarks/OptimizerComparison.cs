// Issue 5's "iterations to a good picture": L-BFGS against Adam, and the three starting pictures, by the loss reached.
using System.Diagnostics;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Engine.Benchmarks;

/// <summary>A content photo and a style picture to compare optimisers on.</summary>
public sealed record PicturePair(string Name, RgbImage Content, RgbImage Style);

/// <summary>One optimiser and starting picture on one pair.</summary>
/// <param name="Pair">The pair's name.</param>
/// <param name="Optimizer">The optimiser.</param>
/// <param name="Init">The starting picture.</param>
/// <param name="History">Curvature pairs L-BFGS kept (the settings' for Adam, which keeps none).</param>
/// <param name="Losses">Total loss (equation 7 plus TV) after each of the comparison's evaluation counts; null where the run diverged first.</param>
/// <param name="Seconds">Wall time of the whole run, targets included.</param>
public sealed record ComparisonRow(string Pair, OptimizerKind Optimizer, InitKind Init, int History, IReadOnlyList<double?> Losses, double Seconds);

/// <summary>Every optimiser and init on every pair, and which reaches the lowest loss at each evaluation count.</summary>
/// <param name="Evaluations">The evaluation counts the losses are read at.</param>
/// <param name="Rows">One row per pair, optimiser and init.</param>
public sealed record ComparisonResult(IReadOnlyList<int> Evaluations, IReadOnlyList<ComparisonRow> Rows)
{
    /// <summary>The row with the lowest loss on <paramref name="pair"/> after <see cref="Evaluations"/>[<paramref name="checkpoint"/>].</summary>
    public ComparisonRow Best(string pair, int checkpoint) => Rows
        .Where(r => r.Pair == pair && r.Losses[checkpoint] is not null)
        .MinBy(r => r.Losses[checkpoint]!.Value)
        ?? throw new InvalidOperationException($"Every run on '{pair}' diverged.");
}

/// <summary>
/// Runs the optimisation with each optimiser (L-BFGS, Adam) from each starting picture (noise, content, style) on each
/// pair, with otherwise equal settings, and reads the loss after N evaluations. For both optimisers one iteration is
/// one evaluation of loss and gradient, so the counts compare equal work.
/// </summary>
public static class OptimizerComparison
{
    /// <summary>
    /// Compares on <paramref name="pairs"/> with <paramref name="settings"/> (its optimiser, init and iterations are
    /// replaced), reading the loss after each of <paramref name="evaluations"/>.
    /// </summary>
    public static ComparisonResult Run(
        IBackbone backbone,
        IReadOnlyList<PicturePair> pairs,
        StyleSettings settings,
        IReadOnlyList<int> evaluations,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(evaluations.Count);
        var rows = new List<ComparisonRow>();
        foreach (var pair in pairs)
        {
            foreach (var optimizer in Enum.GetValues<OptimizerKind>())
            {
                foreach (var init in Enum.GetValues<InitKind>())
                {
                    var run = settings with { Optimizer = optimizer, Init = init, Iterations = evaluations.Max(), PreviewEvery = 0 };
                    rows.Add(Compare(backbone, pair, run, evaluations, cancellationToken));
                }
            }
        }

        return new ComparisonResult(evaluations.ToArray(), rows);
    }

    /// <summary>
    /// L-BFGS keeping each of <paramref name="histories"/> curvature pairs, from the photo and from noise, on
    /// <paramref name="pairs"/>: how much a longer history buys per evaluation, to set against what it costs per step.
    /// </summary>
    public static ComparisonResult Histories(
        IBackbone backbone,
        IReadOnlyList<PicturePair> pairs,
        StyleSettings settings,
        IReadOnlyList<int> evaluations,
        IReadOnlyList<int> histories,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(evaluations.Count);
        var rows = new List<ComparisonRow>();
        foreach (var pair in pairs)
        {
            foreach (var init in new[] { InitKind.Content, InitKind.Noise })
            {
                foreach (var history in histories)
                {
                    var run = settings with { Optimizer = OptimizerKind.Lbfgs, Init = init, LbfgsHistory = history, Iterations = evaluations.Max(), PreviewEvery = 0 };
                    rows.Add(Compare(backbone, pair, run, evaluations, cancellationToken));
                }
            }
        }

        return new ComparisonResult(evaluations.ToArray(), rows);
    }

    private static ComparisonRow Compare(
        IBackbone backbone, PicturePair pair, StyleSettings settings, IReadOnlyList<int> evaluations, CancellationToken cancellationToken)
    {
        var progress = new LossRecorder();
        var clock = Stopwatch.StartNew();
        try
        {
            StyleTransfer.Run(backbone, pair.Content, [pair.Style], settings, progress, cancellationToken);
        }
        catch (StyleTransferException) when (progress.Losses.Count < settings.Iterations)
        {
            // A diverged run keeps the losses it reached; the later counts stay empty.
        }

        var losses = evaluations.Select(n => n <= progress.Losses.Count ? progress.Losses[n - 1] : (double?)null).ToArray();
        return new ComparisonRow(pair.Name, settings.Optimizer, settings.Init, settings.LbfgsHistory, losses, clock.Elapsed.TotalSeconds);
    }

    private sealed class LossRecorder : IStyleProgress
    {
        public List<double> Losses { get; } = [];

        public void Report(StepReport step) => Losses.Add(step.TotalLoss);

        public void Preview(PreviewFrame frame)
        {
        }
    }
}
