using NeuralStyle.Engine.Imaging;

namespace NeuralStyle.Engine.Transfer;

/// <summary>One iteration's numbers: plain values only, safe to hand to any thread.</summary>
/// <param name="Iteration">1-based iteration just finished.</param>
/// <param name="Iterations">Iterations the run will do.</param>
/// <param name="ContentLoss">alpha-free L_content (equation 1, summed over content layers).</param>
/// <param name="StyleLoss">beta-free L_style (equation 5).</param>
/// <param name="TvLoss">Weight-free total variation.</param>
/// <param name="TotalLoss">alpha L_content + beta L_style + tv L_tv (equation 7 plus TV).</param>
/// <param name="Elapsed">Time since the optimisation began (after the targets were computed).</param>
public sealed record StepReport(
    int Iteration,
    int Iterations,
    double ContentLoss,
    double StyleLoss,
    double TvLoss,
    double TotalLoss,
    TimeSpan Elapsed);

/// <summary>An intermediate picture of a run.</summary>
public sealed record PreviewFrame(int Iteration, RgbImage Image);

/// <summary>Receives a run's progress. Called on the optimisation thread: return quickly, copy what you keep.</summary>
public interface IStyleProgress
{
    /// <summary>After every iteration.</summary>
    void Report(StepReport step);

    /// <summary>Every <see cref="StyleSettings.PreviewEvery"/> iterations and once at the end.</summary>
    void Preview(PreviewFrame frame);
}

/// <summary>A finished run.</summary>
/// <param name="Image">The stylised picture.</param>
/// <param name="Steps">Every iteration's losses, in order.</param>
/// <param name="Duration">Wall time of the whole run, target computation included.</param>
/// <param name="Device">Where it ran, for example "cpu" or "cuda:0 (NVIDIA H100)".</param>
public sealed record StyleResult(RgbImage Image, IReadOnlyList<StepReport> Steps, TimeSpan Duration, string Device);
