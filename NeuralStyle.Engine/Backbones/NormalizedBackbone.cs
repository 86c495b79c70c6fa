using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones;

/// <summary>A backbone whose activations are multiplied by per-channel <see cref="FeatureScales"/> (the paper's normalisation).</summary>
public sealed class NormalizedBackbone : IBackbone
{
    private readonly IBackbone inner;
    private readonly Dictionary<string, Tensor> factors;

    /// <summary>Wraps <paramref name="inner"/>; it is disposed with this object.</summary>
    public NormalizedBackbone(IBackbone inner, FeatureScales scales)
    {
        var missing = inner.LayerNames.Where(l => !scales.Layers.ContainsKey(l)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException(
                $"The feature scales for {scales.Backbone} lack layer(s) {string.Join(", ", missing)} of {inner.Name}: compute them again for this backbone.");
        }

        this.inner = inner;
        Scales = scales;
        factors = inner.LayerNames.ToDictionary(l => l, l => Factor(scales.Layers[l], inner.Device));
    }

    /// <summary>The factors applied.</summary>
    public FeatureScales Scales { get; }

    public string Name => inner.Name;

    public IReadOnlyList<string> LayerNames => inner.LayerNames;

    public ImagePreprocessing Preprocessing => inner.Preprocessing;

    public IReadOnlyList<string> DefaultContentLayers => inner.DefaultContentLayers;

    public IReadOnlyList<string> DefaultStyleLayers => inner.DefaultStyleLayers;

    public Device Device => inner.Device;

    public IReadOnlyDictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers) =>
        inner.Extract(rgb, layers).ToDictionary(a => a.Key, a => a.Value * factors[a.Key]);

    public void MoveTo(Device device)
    {
        inner.MoveTo(device);
        foreach (var layer in factors.Keys.ToArray())
        {
            factors[layer].Dispose();
            factors[layer] = Factor(Scales.Layers[layer], device);
        }
    }

    public void Dispose()
    {
        foreach (var factor in factors.Values)
        {
            factor.Dispose();
        }

        inner.Dispose();
    }

    private static Tensor Factor(float[] values, Device device) =>
        tensor(values, device: device).view(1, -1, 1, 1).DetachFromDisposeScope();
}
