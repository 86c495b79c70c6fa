using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Web.Cli;

/// <summary>Prints a line with the losses every few iterations, and the last one.</summary>
internal sealed class ConsoleProgress(int every) : IStyleProgress
{
    public void Report(StepReport step)
    {
        if (step.Iteration == 1 || step.Iteration % every == 0 || step.Iteration == step.Iterations)
        {
            var left = step.Iteration < step.Iterations
                ? TimeSpan.FromTicks(step.Elapsed.Ticks / step.Iteration * (step.Iterations - step.Iteration))
                : TimeSpan.Zero;
            Console.WriteLine(
                $"iteration {step.Iteration,5}/{step.Iterations}  content {step.ContentLoss,10:G4}  style {step.StyleLoss,10:G4}  tv {step.TvLoss,10:G4}  total {step.TotalLoss,10:G4}  {step.Elapsed.TotalSeconds,7:F1} s  ({left.TotalSeconds:F0} s left)");
        }
    }

    public void Preview(PreviewFrame frame)
    {
    }
}
