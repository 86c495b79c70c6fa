using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>
/// L-BFGS over one tensor of pixels. Each <see cref="Step"/> evaluates loss and gradient exactly once and moves the
/// pixels once, so a caller's iteration is one evaluation; the curvature history is an <see cref="LbfgsState"/>.
/// </summary>
internal sealed class Lbfgs(Parameter pixels, double learningRate, int historySize) : IPixelOptimizer
{
    private readonly LbfgsState state = new(learningRate, historySize);

    /// <summary>Curvature pairs held now.</summary>
    public int HistoryCount => state.HistoryCount;

    /// <inheritdoc />
    public void Step(Action evaluate)
    {
        pixels.grad?.zero_();
        evaluate();
        using var noGrad = no_grad();
        pixels.add_(state.Displacement(pixels.detach().reshape(-1), pixels.grad!.reshape(-1)).view_as(pixels));
    }

    public void Dispose() => state.Dispose();
}
