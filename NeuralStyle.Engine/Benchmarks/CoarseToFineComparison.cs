// Issue 5's coarse-to-fine target: a big picture made via half size first should reach a straight run's loss sooner.
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Engine.Benchmarks;

/// <summary>One way of making the big picture.</summary>
/// <param name="Stages">The output sizes it ran, coarsest first.</param>
/// <param name="Iterations">Iterations it ran in all stages (the coarse-to-fine arm stops once it reaches the target).</param>
/// <param name="FinalLoss">Total loss at full size after its last iteration.</param>
/// <param name="Seconds">From the start of the optimisation (targets included) to its last iteration.</param>
/// <param name="SecondsToTarget">When its full-size loss first reached the straight run's final loss; null if never.</param>
/// <param name="FullSizeStart">Its losses at its first full-size iteration: where the coarse stages left it.</param>
public sealed record CoarseToFineArm(IReadOnlyList<int> Stages, int Iterations, double FinalLoss, double Seconds, double? SecondsToTarget, StepReport FullSizeStart);

/// <summary>A straight run at full size against the coarse-to-fine run of the same settings.</summary>
/// <param name="Size">The full size's long side.</param>
/// <param name="TargetLoss">The straight run's final loss, which the coarse-to-fine run has to reach.</param>
/// <param name="Straight">All iterations at full size.</param>
/// <param name="CoarseToFine">First at half size (and smaller, down to 512 px), then at full size.</param>
public sealed record CoarseToFineResult(int Size, double TargetLoss, CoarseToFineArm Straight, CoarseToFineArm CoarseToFine)
{
    /// <summary>How many times sooner coarse to fine reached the straight run's final loss; null when it did not.</summary>
    public double? Speedup => CoarseToFine.SecondsToTarget is { } seconds ? Straight.SecondsToTarget!.Value / seconds : null;
}

/// <summary>
/// Runs <see cref="StyleTransfer"/> at a big size straight, then coarse to fine (<see cref="StyleSettings.CoarseToFineAbove"/>)
/// until its full-size loss is no higher than the straight run's final loss. Both runs use the same picture, targets,
/// optimiser and seed; losses are comparable because the last stage's targets are the straight run's.
/// </summary>
public static class CoarseToFineComparison
{
    /// <summary>
    /// Compares at <paramref name="size"/> px: the straight run does <paramref name="iterations"/> iterations; the
    /// coarse-to-fine run does <paramref name="stageIterations"/> in each coarser stage and at most
    /// <paramref name="iterations"/> at full size. <paramref name="size"/> must be at least 1024 for there to be stages.
    /// </summary>
    public static CoarseToFineResult Run(
        IBackbone backbone,
        PicturePair pair,
        StyleSettings settings,
        int size,
        int iterations,
        int stageIterations,
        CancellationToken cancellationToken = default)
    {
        var straightSettings = settings with { Size = size, Iterations = iterations, CoarseToFineAbove = 0, PreviewEvery = 0 };
        var staged = settings with { Size = size, Iterations = iterations, CoarseToFineAbove = size - 1, StageIterations = stageIterations, PreviewEvery = 0 };
        var stages = StyleTransfer.StageSizes(staged);
        if (stages.Count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Coarse to fine needs a size of at least 1024 px (its coarsest stage is 512 px).");
        }

        var straight = Record(backbone, pair, straightSettings, firstFullSizeStep: 1, target: null, cancellationToken);
        var target = straight.Steps[^1].TotalLoss;
        var coarse = Record(backbone, pair, staged, firstFullSizeStep: ((stages.Count - 1) * stageIterations) + 1, target, cancellationToken);
        return new CoarseToFineResult(
            size,
            target,
            Arm(StyleTransfer.StageSizes(straightSettings), straight, target),
            Arm(stages, coarse, target));
    }

    private static StepRecorder Record(
        IBackbone backbone, PicturePair pair, StyleSettings settings, int firstFullSizeStep, double? target, CancellationToken cancellationToken)
    {
        using var reached = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var recorder = new StepRecorder(firstFullSizeStep, target, reached);
        try
        {
            StyleTransfer.Run(backbone, pair.Content, [pair.Style], settings, recorder, reached.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The run reached the target: the rest of its iterations would only tell us what we know.
        }

        return recorder;
    }

    private static CoarseToFineArm Arm(IReadOnlyList<int> stages, StepRecorder run, double target)
    {
        var fullSize = run.Steps.Where(s => s.Iteration >= run.FirstFullSizeStep).ToArray();
        var hit = fullSize.FirstOrDefault(s => s.TotalLoss <= target);
        var last = run.Steps[^1];
        return new CoarseToFineArm(stages, run.Steps.Count, last.TotalLoss, last.Elapsed.TotalSeconds, hit?.Elapsed.TotalSeconds, fullSize[0]);
    }

    private sealed class StepRecorder(int firstFullSizeStep, double? target, CancellationTokenSource reached) : IStyleProgress
    {
        public int FirstFullSizeStep => firstFullSizeStep;

        public List<StepReport> Steps { get; } = [];

        public void Report(StepReport step)
        {
            Steps.Add(step);
            if (target is { } loss && step.Iteration >= firstFullSizeStep && step.TotalLoss <= loss)
            {
                reached.Cancel();
            }
        }

        public void Preview(PreviewFrame frame)
        {
        }
    }
}
