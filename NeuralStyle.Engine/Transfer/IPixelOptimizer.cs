using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>Moves the optimised picture's pixels downhill, one evaluation of loss and gradient per step.</summary>
internal interface IPixelOptimizer : IDisposable
{
    /// <summary>Calls <paramref name="evaluate"/> once (it computes the loss and calls backward), then updates the pixels.</summary>
    void Step(Action evaluate);

    /// <summary>The optimiser the settings ask for.</summary>
    static IPixelOptimizer Create(StyleSettings settings, Parameter pixels) => settings.Optimizer switch
    {
        // lr 1 is PyTorch's L-BFGS default and what the reference implementations use.
        OptimizerKind.Lbfgs => new Lbfgs(pixels, settings.LearningRate ?? 1.0, settings.LbfgsHistory),
        _ => new AdamPixels(pixels, settings.LearningRate ?? 0.02),
    };
}

/// <summary>Adam (Kingma and Ba, 2015) on the pixels, through TorchSharp's implementation.</summary>
internal sealed class AdamPixels(Parameter pixels, double learningRate) : IPixelOptimizer
{
    private readonly optim.Optimizer adam = optim.Adam([pixels], lr: learningRate);

    public void Step(Action evaluate)
    {
        adam.zero_grad();
        evaluate();
        adam.step();
    }

    public void Dispose() => adam.Dispose();
}
