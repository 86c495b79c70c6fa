// VGG19 as the feature extractor of Gatys, Ecker & Bethge, "Image Style Transfer Using Convolutional Neural Networks" (CVPR 2016).
using NeuralStyle.Engine.Transfer;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones;

/// <summary>
/// The paper's network: VGG19's convolutional part with loaded weights, frozen. The input convention and whether
/// the activations are already normalised come from the weights, not from the architecture.
/// </summary>
public sealed class Vgg19Backbone : IBackbone
{
    internal Vgg19Backbone(Vgg19 network, Vgg19Convention convention, Device device)
    {
        Network = network;
        Preprocessing = convention.Preprocessing;
        IsNormalized = convention.IsNormalized;
        Device = device;
    }

    /// <inheritdoc />
    public string Name => "vgg19";

    /// <inheritdoc />
    public IReadOnlyList<string> LayerNames => Vgg19.LayerNames;

    /// <inheritdoc />
    public ImagePreprocessing Preprocessing { get; }

    // The paper names conv4_2 for content and conv1_1 ... conv5_1 for style (section 3), but its layers are the
    // rectified responses: the authors' Caffe model applies ReLU in place, so the blob 'conv4_2' holds relu4_2's
    // values, and their PyTorch code reads 'r42' and 'r11' ... 'r51'. The ReLU outputs are therefore the faithful choice.

    /// <inheritdoc />
    public IReadOnlyList<string> DefaultContentLayers { get; } = ["relu4_2"];

    /// <inheritdoc />
    public IReadOnlyList<string> DefaultStyleLayers { get; } = ["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"];

    /// <summary>
    /// True when the weights are already rescaled to mean activation 1 per filter (the authors' <c>vgg_conv.pth</c>),
    /// so feature normalisation must be skipped.
    /// </summary>
    public bool IsNormalized { get; }

    /// <inheritdoc />
    public Device Device { get; private set; }

    /// <summary>The pooling between blocks.</summary>
    public PoolingKind Pooling => Network.Pooling;

    internal Vgg19 Network { get; }

    /// <summary>
    /// Reads the weights at <paramref name="weightsPath"/> (see <see cref="Vgg19WeightLoader.Load"/>), builds VGG19 on
    /// the CPU with <paramref name="pooling"/>, loads them and moves the network to <paramref name="device"/> (CPU if null).
    /// </summary>
    /// <exception cref="WeightsException">The file is damaged or does not fit VGG19.</exception>
    public static Vgg19Backbone Load(string weightsPath, PoolingKind pooling = PoolingKind.Average, Device? device = null)
    {
        using var weights = Vgg19WeightLoader.Load(weightsPath);
        return FromWeights(weights, pooling, device);
    }

    /// <summary>Builds VGG19 on the CPU, copies <paramref name="weights"/> into it and moves it to <paramref name="device"/>.</summary>
    public static Vgg19Backbone FromWeights(Vgg19Weights weights, PoolingKind pooling = PoolingKind.Average, Device? device = null)
    {
        var network = new Vgg19(pooling);
        try
        {
            network.LoadWeights(weights.StateDict);
            var target = device ?? CPU;
            network.to(target);
            return new Vgg19Backbone(network, weights.Convention, target);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers)
    {
        if (rgb.dim() != 4 || rgb.shape[1] != 3)
        {
            throw new ArgumentException($"Expected N x 3 x H x W RGB, got [{string.Join(", ", rgb.shape)}].", nameof(rgb));
        }

        using var scope = NewDisposeScope();
        var activations = Network.Activations(Preprocessing.Apply(rgb), layers);
        foreach (var activation in activations.Values)
        {
            activation.MoveToOuterDisposeScope();
        }

        return activations;
    }

    /// <inheritdoc />
    public void MoveTo(Device device)
    {
        Network.to(device);
        Device = device;
    }

    public void Dispose() => Network.Dispose();
}
