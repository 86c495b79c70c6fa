using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Benchmarks;

/// <summary>
/// VGG19 with seeded random weights, for measuring speed where the trained weights cannot be downloaded: the cost of
/// a forward and backward pass depends on the shapes, not on the values.
/// </summary>
public static class RandomVgg19
{
    /// <summary>Builds VGG19 with torchvision's input convention, He-initialised weights and zero biases, seeded.</summary>
    public static IBackbone Create(long seed, PoolingKind pooling, Device device)
    {
        manual_seed(seed);
        var network = new Vgg19(pooling);
        // He initialisation (He et al., ICCV 2015) keeps the activations' scale through the 16 layers as trained
        // weights do; PyTorch's default shrinks them about sixfold a layer, leaving losses and gradients unrealistically
        // small. Frozen as loaded weights are: otherwise backward would also compute the weights' gradients.
        using (no_grad())
        {
            foreach (var (name, parameter) in network.named_parameters())
            {
                if (name.EndsWith(".weight", StringComparison.Ordinal))
                {
                    nn.init.kaiming_normal_(parameter, nonlinearity: nn.init.NonlinearityType.ReLU);
                }
                else
                {
                    parameter.zero_();
                }
            }
        }

        foreach (var parameter in network.parameters())
        {
            parameter.requires_grad = false;
        }

        network.eval();
        network.to(device);
        return new Vgg19Backbone(network, Vgg19Convention.TorchVision, device);
    }
}
