using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones;

/// <summary>How a set of VGG19 weights expects its input and whether its activations are already rescaled.</summary>
/// <param name="Preprocessing">The input convention the weights were trained (or exported) with.</param>
/// <param name="IsNormalized">
/// True for weights rescaled so that every filter's mean activation over ImageNet is 1 (Gatys et al. 2016, section 2),
/// as in the authors' <c>vgg_conv.pth</c>; feature normalisation must then not be applied again.
/// </param>
public sealed record Vgg19Convention(ImagePreprocessing Preprocessing, bool IsNormalized)
{
    /// <summary>torchvision's <c>vgg19-*.pth</c>: RGB with ImageNet mean and std, not rescaled.</summary>
    public static Vgg19Convention TorchVision { get; } = new(ImagePreprocessing.TorchVision, false);

    /// <summary>The paper authors' <c>vgg_conv.pth</c>: Caffe's BGR 0..255 minus the mean, already rescaled.</summary>
    public static Vgg19Convention Authors { get; } = new(ImagePreprocessing.Caffe, true);
}

/// <summary>
/// Checked VGG19 weights read from a file: one float32 CPU tensor per parameter, keyed by the paper's layer names
/// (<c>conv1_1.weight</c> ... <c>conv5_4.bias</c>), with the convention they belong to. Owns its tensors.
/// </summary>
public sealed class Vgg19Weights : IDisposable
{
    internal Vgg19Weights(string path, IReadOnlyDictionary<string, Tensor> stateDict, Vgg19Convention convention)
    {
        FilePath = path;
        StateDict = stateDict;
        Convention = convention;
    }

    /// <summary>The file the weights came from.</summary>
    public string FilePath { get; }

    /// <summary>The 32 parameters keyed <c>conv1_1.weight</c>, <c>conv1_1.bias</c>, ... in the network's shapes.</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict { get; }

    /// <summary>The input convention and normalisation the weights belong to.</summary>
    public Vgg19Convention Convention { get; }

    public void Dispose()
    {
        foreach (var tensor in StateDict.Values)
        {
            tensor.Dispose();
        }
    }
}
