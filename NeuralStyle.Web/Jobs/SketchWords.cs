using System.Globalization;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// A sketch's heading in the words of the Create page ("Style ×10", "The photo, as depth 2 of 5 sees it") rather than the
/// network's layer names and exponents, which its caption keeps as a hint for whoever wants them.
/// </summary>
public static class SketchWords
{
    public static (string Title, string Caption) Describe(JobSettings job, Sketch sketch, int contentSketches)
    {
        var full = sketch.FullSize ?? sketch.Settings;
        if (job.Kind == JobKind.Explore && job.ExploreAxis == ExploreAxis.ContentStyleRatio)
        {
            return (StyleFactor(full.StyleWeight / job.StyleWeight), sketch.Caption);
        }

        var depths = BackboneCatalog.Depths(job.Backbone);
        if (job.Kind == JobKind.Explore && full.ContentLayers is [var layer] && depths is not null)
        {
            var depth = IndexOf(depths.Content, layer);
            return ($"The photo's detail from depth {depth} of {depths.Content.Count}", WithLayers(sketch.Caption, [layer]));
        }

        if (job.Kind == JobKind.NetworkView && depths is not null)
        {
            if (sketch.Settings.ContentWeight > 0 && sketch.Settings.ContentLayers is [var seen])
            {
                var depth = IndexOf(depths.Content, seen);
                return (depth == 1 ? "The photo, as the first layer sees it" : $"The photo, as depth {depth} of {depths.Content.Count} sees it", WithLayers(sketch.Caption, [seen]));
            }

            var layers = sketch.Settings.StyleLayers?.Select(l => l.Layer).ToArray() ?? [];
            var (k, m) = (sketch.Index - contentSketches + 1, depths.Style.Count);
            var title = k == 1 ? "The style, from the first layer alone" : k >= m ? $"The style, from all {m} layers" : $"The style, from the first {k} of {m} layers";
            return (title, WithLayers(sketch.Caption, layers));
        }

        return (sketch.Title, sketch.Caption);
    }

    /// <summary>How many of <paramref name="sketches"/> rebuild the photo (a network view shows those first).</summary>
    public static int ContentSketches(IReadOnlyList<Sketch> sketches) => sketches.Count(s => s.Settings.ContentWeight > 0 && s.Settings.StyleWeight == 0);

    /// <summary>"Your balance", or how many times the chosen style weight this version uses: "Style ×10", "Style ×1/100".</summary>
    private static string StyleFactor(double factor) =>
        Math.Abs(Math.Log10(factor)) < 0.01 ? "Your balance"
        : factor > 1 ? $"Style ×{Rounded(factor)}"
        : $"Style ×1/{Rounded(1 / factor)}";

    private static string Rounded(double factor) => factor < 10 ? factor.ToString("0.#", CultureInfo.InvariantCulture) : Math.Round(factor).ToString("#,0", CultureInfo.InvariantCulture);

    private static int IndexOf(IReadOnlyList<string> layers, string layer) =>
        layers.Select((name, i) => (name, i)).FirstOrDefault(l => string.Equals(l.name, layer, StringComparison.OrdinalIgnoreCase)).i + 1;

    private static string WithLayers(string caption, IReadOnlyList<string> layers) =>
        layers.Count == 0 ? caption : $"{caption} (The network calls {(layers.Count == 1 ? "this layer" : "these layers")} {string.Join(" + ", layers)}.)";
}
