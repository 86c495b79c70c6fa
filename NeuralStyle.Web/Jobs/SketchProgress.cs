using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// One sketch's progress as part of its whole job: iterations count on from the sketches before it, and time from the
/// job's start, so the progress bar and the time left cover every sketch.
/// </summary>
public sealed class SketchProgress(IStyleProgress job, int before, int total, TimeSpan startedAt) : IStyleProgress
{
    public StepReport Shift(StepReport step) => step with { Iteration = step.Iteration + before, Iterations = total, Elapsed = step.Elapsed + startedAt };

    public void Report(StepReport step) => job.Report(Shift(step));

    public void Preview(PreviewFrame frame) => job.Preview(frame with { Iteration = frame.Iteration + before });
}
