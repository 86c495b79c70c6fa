using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>
/// L-BFGS over a batch of pictures (B x C x H x W; one picture in a plain run). Each <see cref="Step"/> evaluates loss
/// and gradient exactly once and moves every picture once, so a caller's iteration is one evaluation. Each picture has
/// its own <see cref="LbfgsState"/>: its curvature history and step length are its own, as in a run of its own.
/// </summary>
internal sealed class Lbfgs(Parameter pixels, double learningRate, int historySize) : IPixelOptimizer
{
    private readonly LbfgsState[] states = Enumerable.Range(0, (int)pixels.shape[0]).Select(_ => new LbfgsState(learningRate, historySize)).ToArray();

    /// <summary>Curvature pairs the first picture holds now.</summary>
    public int HistoryCount => states[0].HistoryCount;

    /// <inheritdoc />
    public void Step(Action evaluate)
    {
        pixels.grad?.zero_();
        evaluate();
        using var noGrad = no_grad();
        for (var b = 0; b < states.Length; b++)
        {
            var picture = pixels.narrow(0, b, 1);
            picture.add_(states[b].Displacement(picture.detach().reshape(-1), pixels.grad!.narrow(0, b, 1).reshape(-1)).view_as(picture));
        }
    }

    public void Dispose()
    {
        foreach (var state in states)
        {
            state.Dispose();
        }
    }
}
