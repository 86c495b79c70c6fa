// The objective of Gatys, Ecker and Bethge (CVPR 2016), equation 7, plus the peers' total variation.
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Losses;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>The loss terms of one evaluation, all scalars in the caller's dispose scope.</summary>
internal sealed record LossTerms(Tensor Content, Tensor Style, Tensor TotalVariation, Tensor Total);

/// <summary>Evaluates alpha L_content + beta L_style + tv L_tv for a candidate picture against fixed targets.</summary>
internal sealed class StyleObjective(
    IBackbone backbone,
    StyleTargets targets,
    IReadOnlyList<string> contentLayers,
    IReadOnlyList<LayerWeight> styleLayers,
    double alpha,
    double beta,
    double tv)
{
    private readonly double[] styleWeights = styleLayers.Select(l => l.Weight).ToArray();

    /// <summary>The layers this objective reads.</summary>
    public IReadOnlyList<string> Layers { get; } = contentLayers.Union(styleLayers.Select(l => l.Layer)).ToArray();

    /// <summary>The loss terms for <paramref name="image"/> (1 x 3 x H x W, RGB 0..1), ready for backward().</summary>
    public LossTerms Evaluate(Tensor image) => Measure(image, backbone.Extract(image, Layers));

    /// <summary>The loss terms for <paramref name="image"/> given its <paramref name="features"/> at (at least) <see cref="Layers"/>.</summary>
    public LossTerms Measure(Tensor image, IReadOnlyDictionary<string, Tensor> features)
    {
        var content = contentLayers
            .Select(layer => StyleLosses.ContentLoss(features[layer], targets.Content[layer]))
            .Aggregate((sum, loss) => sum.add_(loss));

        var layerLosses = styleLayers
            .Select(l => StyleLosses.StyleLayerLoss(StyleLosses.GramMatrix(features[l.Layer]), targets.Grams[l.Layer], targets.Positions[l.Layer]))
            .ToArray();
        var style = StyleLosses.StyleLoss(layerLosses, styleWeights);
        var variation = tv > 0 ? StyleLosses.TotalVariation(image) : zeros([], device: image.device);
        return new LossTerms(content, style, variation, StyleLosses.TotalLoss(content, style, variation, alpha, beta, tv));
    }
}
