using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Benchmarks;

/// <summary>
/// VGG19 with seeded random weights, for measuring speed where the trained weights cannot be downloaded: the cost of
/// a forward and backward pass depends on the shapes, not on the values.
/// </summary>
public static class RandomVgg19
{
    /// <summary>Builds VGG19 with torchvision's input convention and PyTorch's default initialisation, seeded.</summary>
    public static IBackbone Create(long seed, PoolingKind pooling, Device device)
    {
        manual_seed(seed);
        var network = new Vgg19(pooling);
        // Frozen as loaded weights are: otherwise backward would also compute the weights' gradients.
        foreach (var parameter in network.parameters())
        {
            parameter.requires_grad = false;
        }

        network.eval();
        network.to(device);
        return new Vgg19Backbone(network, Vgg19Convention.TorchVision, device);
    }
}
