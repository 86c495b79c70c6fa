// Targets of Gatys, Ecker and Bethge (CVPR 2016): content activations P (eq. 1) and style Gram matrices A (eq. 4).
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Losses;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>
/// The fixed targets of one run, computed once before the optimisation: P for each content layer and A for each
/// style layer, plus M_l, the positions the generated picture has at each style layer.
/// </summary>
internal sealed class StyleTargets : IDisposable
{
    private StyleTargets(Dictionary<string, Tensor> content, Dictionary<string, Tensor> grams, Dictionary<string, long> positions)
    {
        Content = content;
        Grams = grams;
        Positions = positions;
    }

    public IReadOnlyDictionary<string, Tensor> Content { get; }

    public IReadOnlyDictionary<string, Tensor> Grams { get; }

    public IReadOnlyDictionary<string, long> Positions { get; }

    /// <summary>
    /// Computes the targets. Style pictures may have any size: a Gram matrix is a sum over positions, so each
    /// style's A_l is rescaled by M_l(output) / M_l(style), which is what it would be at the output's size; several
    /// styles are blended by weight (weights sum to 1).
    /// </summary>
    public static StyleTargets Compute(
        IBackbone backbone,
        Tensor content,
        IReadOnlyList<Tensor> styles,
        IReadOnlyList<double> styleBlend,
        IReadOnlyList<string> contentLayers,
        IReadOnlyList<string> styleLayers)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var fromContent = backbone.Extract(content, contentLayers.Union(styleLayers).ToArray());
        var targets = contentLayers.ToDictionary(l => l, l => fromContent[l].detach().MoveToOuterDisposeScope());
        var positions = styleLayers.ToDictionary(l => l, l => fromContent[l].shape[2] * fromContent[l].shape[3]);

        var grams = new Dictionary<string, Tensor>();
        for (var s = 0; s < styles.Count; s++)
        {
            var fromStyle = backbone.Extract(styles[s], styleLayers);
            foreach (var layer in styleLayers)
            {
                var features = fromStyle[layer];
                var rescale = (double)positions[layer] / (features.shape[2] * features.shape[3]);
                var gram = StyleLosses.GramMatrix(features) * (rescale * styleBlend[s]);
                grams[layer] = grams.TryGetValue(layer, out var sum) ? sum + gram : gram;
            }
        }

        var kept = grams.ToDictionary(g => g.Key, g => g.Value.detach().MoveToOuterDisposeScope());
        return new StyleTargets(targets, kept, positions);
    }

    public void Dispose()
    {
        foreach (var tensor in Content.Values.Concat(Grams.Values))
        {
            tensor.Dispose();
        }
    }
}
