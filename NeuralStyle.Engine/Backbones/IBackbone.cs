using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones;

/// <summary>
/// A pretrained CNN used as a fixed feature extractor: it takes plain RGB pictures and returns the activations of
/// named layers. The network is never trained; only the picture being optimised receives gradients.
/// </summary>
public interface IBackbone : IDisposable
{
    /// <summary>The backbone's name as users pick it (<c>resnet18</c>, <c>vgg19</c>).</summary>
    string Name { get; }

    /// <summary>Every layer whose activation can be asked for, in forward order.</summary>
    IReadOnlyList<string> LayerNames { get; }

    /// <summary>How plain RGB in 0..1 is turned into the network's input; applied inside <see cref="Extract"/>.</summary>
    ImagePreprocessing Preprocessing { get; }

    /// <summary>The layers the content loss uses unless a run says otherwise.</summary>
    IReadOnlyList<string> DefaultContentLayers { get; }

    /// <summary>The layers the style loss uses unless a run says otherwise (weighted equally).</summary>
    IReadOnlyList<string> DefaultStyleLayers { get; }

    /// <summary>The device the weights live on.</summary>
    Device Device { get; }

    /// <summary>
    /// Runs the network on <paramref name="rgb"/> (N x 3 x H x W, RGB in 0..1, on <see cref="Device"/>, any H and W)
    /// up to the deepest requested layer and no further, and returns those activations (N x C x H' x W').
    /// The returned tensors belong to the caller's dispose scope.
    /// </summary>
    IReadOnlyDictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers);

    /// <summary>Moves the weights to <paramref name="device"/>.</summary>
    void MoveTo(Device device);
}
