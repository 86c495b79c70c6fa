// Variants along the axes of Gatys, Ecker and Bethge (CVPR 2016): the ratio alpha/beta (Figure 4's rows) and the
// content layer (Figure 4's conv2_2 against conv4_2), run small and quick so a person can pick one before painting it.
using System.Globalization;
using NeuralStyle.Engine.Backbones;

namespace NeuralStyle.Engine.Transfer;

/// <summary>What an explore grid varies.</summary>
public enum ExploreAxis
{
    /// <summary>alpha/beta over four decades centred on the chosen one (the paper's 1e-1 ... 1e-5 around 1e-3).</summary>
    ContentStyleRatio,

    /// <summary>The content layer, from shallow (keeps exact lines) to deep (keeps only the objects).</summary>
    ContentLayer,
}

/// <summary>Builds the variants of an explore grid from one person's settings.</summary>
public static class ExploreGrid
{
    /// <summary>The fewest variants a grid has.</summary>
    public const int MinCount = 2;

    /// <summary>The most variants a grid has.</summary>
    public const int MaxCount = 6;

    /// <summary>Decades of alpha/beta either side of the chosen ratio.</summary>
    public const double RatioDecades = 2;

    /// <summary>
    /// <paramref name="count"/> variants of <paramref name="full"/> along <paramref name="axis"/>, each with everything
    /// else (seed included) unchanged, in order from the most photo to the most style (ratio) or shallow to deep (layer).
    /// The layer axis has at most one variant per depth below the shallowest (a content layer at the very first depth
    /// leaves nothing for the style to change).
    /// </summary>
    /// <exception cref="StyleTransferException">A count out of range, or a ratio axis with a zero weight.</exception>
    public static IReadOnlyList<Sketch> Build(StyleSettings full, ExploreAxis axis, int count, LayerDepths depths, SketchSize size)
    {
        if (count is < MinCount or > MaxCount)
        {
            throw new StyleTransferException($"An explore grid has {MinCount} to {MaxCount} variants (got {count}).");
        }

        var errors = size.Validate();
        if (errors.Count > 0)
        {
            throw new StyleTransferException(string.Join(" ", errors));
        }

        var variants = axis switch
        {
            ExploreAxis.ContentStyleRatio => Ratios(full, count),
            ExploreAxis.ContentLayer => ContentLayers(full, count, depths),
            _ => throw new StyleTransferException("Choose what the grid varies: the content/style balance or the content layer."),
        };
        return variants.Select((v, i) => new Sketch(i, v.Title, v.Caption, size.Apply(v.Full), v.Full)).ToArray();
    }

    private static IEnumerable<(string Title, string Caption, StyleSettings Full)> Ratios(StyleSettings full, int count)
    {
        if (full.ContentWeight <= 0 || full.StyleWeight <= 0)
        {
            throw new StyleTransferException("Exploring the content/style balance needs a content weight and a style weight above zero.");
        }

        for (var i = 0; i < count; i++)
        {
            var decades = RatioDecades - 2 * RatioDecades * i / (count - 1);
            var beta = full.StyleWeight * Math.Pow(10, -decades);
            var ratio = full.ContentWeight / beta;
            var caption = i == 0 ? "Keeps the most of the photo: the style only tints it."
                : i == count - 1 ? "The boldest: the style repaints almost everything."
                : decades > 0 ? "Leans towards the photo."
                : decades < 0 ? "Leans towards the style."
                : "The balance you chose.";
            yield return ($"Content/style {ratio.ToString("0.#e0", CultureInfo.InvariantCulture)}", caption, full with { StyleWeight = beta });
        }
    }

    private static IEnumerable<(string Title, string Caption, StyleSettings Full)> ContentLayers(StyleSettings full, int count, LayerDepths depths)
    {
        var layers = depths.Content;
        var first = layers.Count > 1 ? 1 : 0;
        var picks = Enumerable.Range(0, count)
            .Select(i => first + (int)Math.Round((double)i * (layers.Count - 1 - first) / (count - 1)))
            .Distinct()
            .ToArray();
        foreach (var depth in picks)
        {
            var caption = depth == picks[0] ? "Shallow: keeps the photo's exact lines and edges; the style mostly adds colour and grain."
                : depth == picks[^1] ? "Deep: keeps which objects are where, and lets the style repaint how they look."
                : "In between: the shapes stay, fine detail gives way to the style.";
            yield return ($"Content layer {layers[depth]} (depth {depth + 1} of {layers.Count})", caption, full with { ContentLayers = [layers[depth]] });
        }
    }
}
