using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Tests.Support;

/// <summary>Keeps every report and frame; optionally acts after a given iteration (to cancel, say).</summary>
internal sealed class RecordingProgress(Action<StepReport>? onStep = null) : IStyleProgress
{
    public List<StepReport> Steps { get; } = [];

    public List<PreviewFrame> Frames { get; } = [];

    public void Report(StepReport step)
    {
        Steps.Add(step);
        onStep?.Invoke(step);
    }

    public void Preview(PreviewFrame frame) => Frames.Add(frame);
}
