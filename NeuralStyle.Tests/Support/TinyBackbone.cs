using NeuralStyle.Engine.Backbones;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Support;

/// <summary>
/// A three-layer random CNN (conv, ReLU, average pool) behind <see cref="IBackbone"/>: small enough that the
/// optimiser's tests run hundreds of iterations in seconds; the real backbones have their own tests.
/// </summary>
internal sealed class TinyBackbone : IBackbone
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Conv2d conv3;

    public TinyBackbone(long seed = 7)
    {
        using var generatorScope = NewDisposeScope();
        manual_seed(seed);
        conv1 = nn.Conv2d(3, 16, 3, padding: 1);
        conv2 = nn.Conv2d(16, 32, 3, padding: 1);
        conv3 = nn.Conv2d(32, 32, 3, padding: 1);
        foreach (var parameter in conv1.parameters().Concat(conv2.parameters()).Concat(conv3.parameters()))
        {
            parameter.requires_grad = false;
        }
    }

    public string Name => "tiny";

    public IReadOnlyList<string> LayerNames { get; } = ["relu1", "relu2", "relu3"];

    public ImagePreprocessing Preprocessing => ImagePreprocessing.TorchVision;

    public IReadOnlyList<string> DefaultContentLayers { get; } = ["relu3"];

    public IReadOnlyList<string> DefaultStyleLayers { get; } = ["relu1", "relu2", "relu3"];

    public Device Device { get; private set; } = CPU;

    /// <summary>How many convolutions ran, to prove truncation.</summary>
    public int ConvolutionsRun { get; private set; }

    public IReadOnlyDictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers)
    {
        var outputs = new Dictionary<string, Tensor>();
        var x = Preprocessing.Apply(rgb);
        Conv2d[] convs = [conv1, conv2, conv3];
        for (var i = 0; i < convs.Length && outputs.Count < layers.Count; i++)
        {
            if (i > 0)
            {
                x = nn.functional.avg_pool2d(x, 2, 2);
            }

            x = nn.functional.relu(convs[i].forward(x));
            ConvolutionsRun++;
            if (layers.Contains(LayerNames[i]))
            {
                outputs[LayerNames[i]] = x;
            }
        }

        return outputs;
    }

    public void MoveTo(Device device)
    {
        conv1.to(device);
        conv2.to(device);
        conv3.to(device);
        Device = device;
    }

    public void Dispose()
    {
        conv1.Dispose();
        conv2.Dispose();
        conv3.Dispose();
    }
}
