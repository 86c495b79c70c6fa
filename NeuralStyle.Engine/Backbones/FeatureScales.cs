// Gatys, Ecker and Bethge (CVPR 2016), section 2: "We normalized the network by scaling the weights such that the mean
// activation of each convolutional filter over images and positions is equal to one."
using System.Text.Json;
using NeuralStyle.Engine.Imaging;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones;

/// <summary>
/// Per-channel factors that give every filter a mean activation of 1 over a calibration set of pictures. For a ReLU
/// network, multiplying layer l's activations by s_l = 1 / mean_l is exactly what the paper's weight rescaling does:
/// scaling layer l's weights and bias by s_l / s_(l-1) makes its rectified output s_l times the original, and pooling
/// commutes with positive per-channel factors. Keeping factors beside unchanged weights lets one file serve both.
/// A conv layer (before its ReLU) takes its ReLU's factor, as the rescaled weights would give it.
/// </summary>
/// <param name="Backbone">The backbone the factors were computed for.</param>
/// <param name="Layers">Layer name to one factor per channel.</param>
/// <param name="Calibration">What the factors were computed from, for the record.</param>
public sealed record FeatureScales(string Backbone, IReadOnlyDictionary<string, float[]> Layers, IReadOnlyList<string> Calibration)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>
    /// Computes the factors for every layer of <paramref name="backbone"/> from <paramref name="pictures"/>, each
    /// resized to <paramref name="size"/> pixels on its long side. Channels that never fire keep factor 1.
    /// </summary>
    public static FeatureScales Compute(IBackbone backbone, IReadOnlyList<(string Name, RgbImage Picture)> pictures, int size)
    {
        if (pictures.Count == 0)
        {
            throw new ArgumentException("Calibration needs at least one picture.", nameof(pictures));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var sums = new Dictionary<string, Tensor>();
        var positions = new Dictionary<string, long>();
        foreach (var (_, picture) in pictures)
        {
            using var pictureScope = NewDisposeScope();
            var rgb = ImageTensors.FitLongSide(ImageTensors.ToTensor(picture, backbone.Device), size);
            foreach (var (layer, activation) in backbone.Extract(rgb, backbone.LayerNames))
            {
                var channelSums = activation.sum([0, 2, 3]).to(float64).cpu();
                sums[layer] = sums.TryGetValue(layer, out var sum) ? (sum + channelSums).MoveToOuterDisposeScope() : channelSums.MoveToOuterDisposeScope();
                positions[layer] = positions.GetValueOrDefault(layer) + activation.shape[0] * activation.shape[2] * activation.shape[3];
            }
        }

        var means = sums.ToDictionary(s => s.Key, s => (s.Value / positions[s.Key]).data<double>().ToArray());
        var factors = backbone.LayerNames.ToDictionary(l => l, l => ToFactors(means[RectifiedPartner(l, backbone.LayerNames)]));
        return new FeatureScales(backbone.Name, factors, pictures.Select(p => p.Name).ToArray());
    }

    /// <summary>Reads factors saved by <see cref="Save"/>; the message names the file when it is not such a file.</summary>
    public static FeatureScales Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<FeatureScales>(stream, Json)
                ?? throw new InvalidDataException("it is empty");
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new InvalidDataException($"'{path}' is not a feature-scales file: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the factors as JSON.</summary>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, this, Json);
    }

    private static string RectifiedPartner(string layer, IReadOnlyList<string> layers) =>
        layer.StartsWith("conv", StringComparison.Ordinal) && layers.Contains("relu" + layer[4..]) ? "relu" + layer[4..] : layer;

    private static float[] ToFactors(double[] means) =>
        means.Select(m => m > 1e-12 ? (float)(1.0 / m) : 1f).ToArray();
}
