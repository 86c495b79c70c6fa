// He, Zhang, Ren and Sun, "Deep Residual Learning for Image Recognition" (CVPR 2016): ResNet18 as a feature extractor.
using NeuralStyle.Engine.Backbones.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones;

/// <summary>
/// ImageNet ResNet18 run from its ONNX export (the CNTK model shipped in Microsoft.ML.DnnImageFeaturizer.ResNet18),
/// the backbone that works without downloads. Layer names are found from the graph's structure: <c>stem_relu</c>
/// (after the 7x7 convolution), <c>stem_pool</c>, <c>layerS_B</c> (block B of stage S after its ReLU),
/// <c>layerS</c> (stage S's output, an alias of its last block) and <c>pool</c> (global average, 512 x 1 x 1).
/// This export has 2, 2, 2 and 3 blocks per stage (22 convolutions), one block more in stage 4 than torchvision's.
/// See <see cref="Layers"/> for each layer's channels and stride.
/// </summary>
public sealed class ResNet18Backbone : IBackbone
{
    /// <summary>Where the build puts the embedded model, relative to <see cref="AppContext.BaseDirectory"/>.</summary>
    public static readonly string EmbeddedRelativePath = Path.Combine("models", "resnet18", "ResNet18.onnx");

    private readonly OnnxGraphModule _graph;
    private readonly Dictionary<string, BackboneLayer> _layers;

    private ResNet18Backbone(OnnxGraphModule graph, IReadOnlyList<BackboneLayer> layers)
    {
        _graph = graph;
        Layers = layers;
        _layers = layers.ToDictionary(l => l.Name);
        LayerNames = [.. layers.Select(l => l.Name)];
        Device = CPU;
    }

    /// <summary>
    /// CNTK's ImageNet input (from ResNetPreprocess.onnx): BGR in 0..255 minus the channel means of its mean image.
    /// </summary>
    public static ImagePreprocessing CntkImageNet { get; } = new(true, 255f, [103.06262f, 115.902885f, 123.151634f], [1f, 1f, 1f]);

    /// <summary>Loads the ResNet18 that the build copies next to the application.</summary>
    /// <param name="device">Where the weights go; the CPU if null.</param>
    /// <param name="lowPassBeforeStride">Whether its stride-2 layers read a low-passed input (see <see cref="LowPass"/>).</param>
    public static ResNet18Backbone LoadEmbedded(Device? device = null, bool lowPassBeforeStride = false)
    {
        var path = Path.Combine(AppContext.BaseDirectory, EmbeddedRelativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The embedded ResNet18 is missing at '{path}'. The build copies it from the NuGet package " +
                "Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1; rebuild NeuralStyle.Engine with package restore.", path);
        }

        return Load(path, device, lowPassBeforeStride);
    }

    /// <summary>Loads a ResNet18 ONNX export (4 stages of residual blocks) from <paramref name="onnxPath"/>.</summary>
    /// <param name="onnxPath">The ONNX file.</param>
    /// <param name="device">Where the weights go; the CPU if null.</param>
    /// <param name="lowPassBeforeStride">
    /// Whether its stride-2 layers (the stem's 7 x 7 convolution and max pool, the first convolution and the shortcut of
    /// stages 2 to 4) read a low-passed input (see <see cref="LowPass"/>), so that the picture optimised for them is
    /// not printed with their two-pixel sampling grid.
    /// </param>
    public static ResNet18Backbone Load(string onnxPath, Device? device = null, bool lowPassBeforeStride = false)
    {
        var graph = new OnnxGraphModule(OnnxModelReader.Read(onnxPath), lowPassBeforeStride);
        try
        {
            var backbone = new ResNet18Backbone(graph, ResNetLayerMap.Find(graph));
            if (device is not null)
            {
                backbone.MoveTo(device);
            }

            return backbone;
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    public string Name => "resnet18";

    /// <summary>Every layer with its channels and stride, in forward order.</summary>
    public IReadOnlyList<BackboneLayer> Layers { get; }

    public IReadOnlyList<string> LayerNames { get; }

    public ImagePreprocessing Preprocessing => CntkImageNet;

    /// <summary>
    /// Stage 2 (128 channels, stride 8), the counterpart of the paper's conv4_2 (VGG19's fourth block, also stride 8):
    /// deep enough to hold objects and layout rather than exact pixels, so the style can repaint colour and texture.
    /// </summary>
    public IReadOnlyList<string> DefaultContentLayers { get; } = ["layer2"];

    /// <summary>
    /// The stem ReLU and stages 1 to 3 (strides 2 to 16), the counterparts of the paper's conv1_1 ... conv5_1 (strides
    /// 1 to 16): one layer per resolution, from brush-stroke colour up to larger motifs. Stage 4 (stride 32) is left out:
    /// deeper than any layer the paper uses, it has so few positions at the sizes people run (12 at 128 px) that its
    /// E_l was 40 times the other layers' together and barely fell, so it drowned the rest of the style loss.
    /// </summary>
    public IReadOnlyList<string> DefaultStyleLayers { get; } = ["stem_relu", "layer1", "layer2", "layer3"];

    public Device Device { get; private set; }

    /// <summary>How many graph nodes the last <see cref="Extract"/> ran (of <see cref="NodeCount"/>).</summary>
    public int NodesExecuted => _graph.NodesExecuted;

    /// <summary>How many nodes the whole graph has.</summary>
    public int NodeCount => _graph.Nodes.Count;

    public IReadOnlyDictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers)
    {
        if (rgb.dim() != 4 || rgb.shape[1] != 3)
        {
            throw new ArgumentException($"Expected N x 3 x H x W RGB, got [{string.Join(", ", rgb.shape)}].", nameof(rgb));
        }

        var unknown = layers.Where(l => !_layers.ContainsKey(l)).ToList();
        if (layers.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Unknown ResNet18 layer(s) {string.Join(", ", unknown)}; choose from {string.Join(", ", LayerNames)}.", nameof(layers));
        }

        using var scope = NewDisposeScope();
        var activations = _graph.Run(Preprocessing.Apply(rgb), [.. layers.Select(l => _layers[l].Tensor).Distinct()]);
        var handedOut = new HashSet<string>();
        var result = new Dictionary<string, Tensor>();
        foreach (var layer in layers.Distinct())
        {
            var name = _layers[layer].Tensor;
            // An alias (layer4 and layer4_1) gets its own handle so that each entry can be disposed on its own.
            result[layer] = (handedOut.Add(name) ? activations[name] : activations[name].alias()).MoveToOuterDisposeScope();
        }

        return result;
    }

    public void MoveTo(Device device)
    {
        _graph.to(device);
        Device = device;
    }

    public void Dispose() => _graph.Dispose();
}
