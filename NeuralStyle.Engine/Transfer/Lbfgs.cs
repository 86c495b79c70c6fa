using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>
/// L-BFGS over a batch of pictures (B x C x H x W; one picture in a plain run). Each <see cref="Step"/> evaluates loss
/// and gradient exactly once and moves every picture once, so a caller's iteration is one evaluation. Each picture has
/// its own <see cref="LbfgsState"/>: its curvature history, step length and accepted point are its own, as in a run of
/// its own.
/// </summary>
internal sealed class Lbfgs(Parameter pixels, double learningRate, int historySize) : IPixelOptimizer
{
    private readonly LbfgsState[] states = Enumerable.Range(0, (int)pixels.shape[0]).Select(_ => new LbfgsState(learningRate, historySize)).ToArray();

    /// <summary>Curvature pairs the first picture holds now.</summary>
    public int HistoryCount => states[0].HistoryCount;

    /// <summary>Trials rejected so far, over all pictures.</summary>
    public int Rejected => states.Sum(s => s.Rejected);

    /// <inheritdoc />
    public IReadOnlyList<bool> LastAccepted => states.Select(s => s.LastAccepted).ToArray();

    /// <inheritdoc />
    public void Step(Func<Tensor> evaluate)
    {
        pixels.grad?.zero_();
        var losses = evaluate();
        using var noGrad = no_grad();
        for (var b = 0; b < states.Length; b++)
        {
            var picture = pixels.narrow(0, b, 1);
            var move = states[b].Displacement(picture.detach().reshape(-1), pixels.grad!.narrow(0, b, 1).reshape(-1), losses[b]);
            picture.add_(move.view_as(picture));
        }
    }

    /// <inheritdoc />
    public Tensor AcceptedPixels()
    {
        using var scope = NewDisposeScope();
        var accepted = states.Select((s, b) => s.Accepted?.view_as(pixels.narrow(0, b, 1)) ?? pixels.narrow(0, b, 1).detach()).ToArray();
        return cat(accepted, 0).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        foreach (var state in states)
        {
            state.Dispose();
        }
    }
}
