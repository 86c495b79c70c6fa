using NeuralStyle.Engine.Backbones;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Support;

/// <summary>A backbone whose activations turn to NaN after a number of calls, as a numerical fault would.</summary>
internal sealed class NaNAfter(IBackbone inner, int evaluations) : IBackbone
{
    private int calls;

    public string Name => inner.Name;

    public IReadOnlyList<string> LayerNames => inner.LayerNames;

    public ImagePreprocessing Preprocessing => inner.Preprocessing;

    public IReadOnlyList<string> DefaultContentLayers => inner.DefaultContentLayers;

    public IReadOnlyList<string> DefaultStyleLayers => inner.DefaultStyleLayers;

    public Device Device => inner.Device;

    public IReadOnlyDictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers)
    {
        var features = inner.Extract(rgb, layers);
        return ++calls < evaluations ? features : features.ToDictionary(f => f.Key, f => f.Value * float.NaN);
    }

    public void MoveTo(Device device) => inner.MoveTo(device);

    public void Dispose() => inner.Dispose();
}
