// Figure 1 of Gatys, Ecker and Bethge (CVPR 2016): what a layer keeps of a picture, shown by rebuilding the picture
// from white noise with that layer's content loss alone, or with the style loss of growing sets of layers alone.
namespace NeuralStyle.Engine.Transfer;

/// <summary>Plans the "what the network sees" reconstructions.</summary>
public static class NetworkView
{
    /// <summary>
    /// One content reconstruction per depth of <paramref name="depths"/>' content layers (style weight 0), then one style
    /// reconstruction per growing set of its style layers (content weight 0), all from white noise with
    /// <paramref name="full"/>'s seed and backbone, in the paper's colours.
    /// </summary>
    public static IReadOnlyList<Sketch> Plan(StyleSettings full, Backbones.LayerDepths depths, SketchSize size)
    {
        var errors = size.Validate();
        if (errors.Count > 0)
        {
            throw new StyleTransferException(string.Join(" ", errors));
        }

        var bare = size.Apply(full) with { Init = InitKind.Noise, TvWeight = 0, Colour = ColourMode.Style };
        var sketches = new List<Sketch>();
        var content = depths.Content;
        for (var d = 0; d < content.Count; d++)
        {
            var caption = d == 0 ? "Shallowest layer: the photo comes back almost pixel for pixel."
                : d == content.Count - 1 ? "Deepest layer: the objects and their layout survive, the exact pixels do not."
                : "Deeper layers keep the objects but lose more of the exact pixels.";
            sketches.Add(new Sketch(
                sketches.Count,
                $"Photo seen at {content[d]}",
                caption,
                bare with { ContentWeight = 1, StyleWeight = 0, ContentLayers = [content[d]], StyleLayers = [new LayerWeight(content[d], 1)] },
                null));
        }

        var style = depths.Style;
        var beta = full.StyleWeight > 0 ? full.StyleWeight : 1;
        // Adam, not the paper's L-BFGS: from near-grey noise with no content term, L-BFGS diverged within four
        // iterations on ResNet18 at beta 1e5 and barely moved at beta 1 (measured, 64 px); Adam at this rate cut the
        // style loss sevenfold in 40 iterations.
        var texture = bare with { Optimizer = OptimizerKind.Adam, LearningRate = StyleLearningRate };
        for (var k = 1; k <= style.Count; k++)
        {
            var layers = style.Take(k).ToArray();
            var caption = k == 1 ? "One shallow layer: only the painting's colours and finest grain."
                : k == style.Count ? "All the style layers: the painting's texture with its larger motifs, but no scene."
                : "More layers: the texture grows larger, more ordered patches.";
            sketches.Add(new Sketch(
                sketches.Count,
                $"Style seen by {string.Join(" + ", layers)}",
                caption,
                texture with { ContentWeight = 0, StyleWeight = beta, ContentLayers = [style[0]], StyleLayers = layers.Select(l => new LayerWeight(l, 1.0 / k)).ToArray() },
                null));
        }

        return sketches;
    }

    /// <summary>Adam's step size for the style reconstructions, on 0..1 pixels.</summary>
    public const double StyleLearningRate = 0.05;
}
