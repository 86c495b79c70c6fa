using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>Moves the optimised pictures' pixels downhill, one evaluation of loss and gradient per step.</summary>
internal interface IPixelOptimizer : IDisposable
{
    /// <summary>
    /// Calls <paramref name="evaluate"/> once (it computes each picture's loss, calls backward on their sum and returns
    /// the losses, one per picture of the batch), then updates the pixels.
    /// </summary>
    void Step(Func<Tensor> evaluate);

    /// <summary>
    /// For each picture, whether the point just evaluated was kept. A safeguarded optimiser rejects a point whose loss
    /// rose, and its next point lies back towards the last one it kept.
    /// </summary>
    IReadOnlyList<bool> LastAccepted { get; }

    /// <summary>The pictures the optimisation stands on (B x C x H x W, in the caller's scope): what to show and keep.</summary>
    Tensor AcceptedPixels();

    /// <summary>The optimiser the settings ask for.</summary>
    static IPixelOptimizer Create(StyleSettings settings, Parameter pixels) => settings.Optimizer switch
    {
        // lr 1 is PyTorch's L-BFGS default and what the reference implementations use.
        OptimizerKind.Lbfgs => new Lbfgs(pixels, settings.LearningRate ?? 1.0, settings.LbfgsHistory),
        _ => new AdamPixels(pixels, settings.LearningRate ?? 0.02),
    };
}

/// <summary>Adam (Kingma and Ba, 2015) on the pixels, through TorchSharp's implementation; it keeps every step.</summary>
internal sealed class AdamPixels(Parameter pixels, double learningRate) : IPixelOptimizer
{
    private readonly optim.Optimizer adam = optim.Adam([pixels], lr: learningRate);

    public IReadOnlyList<bool> LastAccepted { get; } = Enumerable.Repeat(true, (int)pixels.shape[0]).ToArray();

    public void Step(Func<Tensor> evaluate)
    {
        adam.zero_grad();
        evaluate();
        adam.step();
    }

    public Tensor AcceptedPixels() => pixels.detach().clone();

    public void Dispose() => adam.Dispose();
}
