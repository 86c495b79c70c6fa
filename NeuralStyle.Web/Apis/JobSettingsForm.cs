using System.Globalization;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Web.Apis;

/// <summary>Reads <see cref="JobSettings"/> from form fields named like the CLI's options (camelCase); absent fields keep their defaults.</summary>
internal static class JobSettingsForm
{
    private static readonly Dictionary<string, JobKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["paint"] = JobKind.Paint,
        ["explore"] = JobKind.Explore,
        ["networkView"] = JobKind.NetworkView,
    };

    private static readonly Dictionary<string, ExploreAxis> Axes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ratio"] = ExploreAxis.ContentStyleRatio,
        ["layer"] = ExploreAxis.ContentLayer,
    };

    public static JobSettings Parse(IFormCollection form, Dictionary<string, string[]> errors)
    {
        var defaults = new JobSettings();

        T Read<T>(string field, T fallback, Func<string, (bool Ok, T Value)> parse, string expected)
        {
            var text = form[field].ToString();
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            var (ok, value) = parse(text.Trim());
            if (!ok)
            {
                errors[field] = [$"'{text}' is not {expected}."];
            }

            return ok ? value : fallback;
        }

        int Int(string field, int fallback) => Read(field, fallback, t => (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v), v), "a whole number");
        double Double(string field, double fallback) => Read(field, fallback, t => (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v), v), "a number (use a dot for decimals, like 0.001 or 1e-3)");
        TEnum Enum<TEnum>(string field, TEnum fallback)
            where TEnum : struct, Enum =>
            Read(field, fallback, t => (System.Enum.TryParse<TEnum>(t, ignoreCase: true, out var v) && System.Enum.IsDefined(v) && !char.IsDigit(t[0]), v),
                $"one of: {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}");

        var backbone = form["backbone"].ToString() is { Length: > 0 } named ? named.Trim() : defaults.Backbone;
        return new JobSettings
        {
            Size = Int("size", defaults.Size),
            Iterations = Int("iterations", defaults.Iterations),
            Backbone = backbone,
            ContentWeight = Double("contentWeight", defaults.ContentWeight),
            // Without one, beta is the chosen backbone's recommendation (ResNet18 needs a far larger one than VGG19).
            StyleWeight = Double("styleWeight", BackboneCatalog.RecommendedStyleWeight(backbone)),
            TvWeight = Double("tvWeight", defaults.TvWeight),
            Optimizer = Enum("optimizer", defaults.Optimizer),
            Init = Enum("init", defaults.Init),
            Seed = Read("seed", defaults.Seed, t => (long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v), v), "a whole number"),
            // "avg" as the command line spells it.
            Pooling = form["pooling"].ToString().Trim().Equals("avg", StringComparison.OrdinalIgnoreCase) ? PoolingKind.Average : Enum("pooling", defaults.Pooling),
            AntiAliasing = Read("antiAliasing", defaults.AntiAliasing, t => (bool.TryParse(t, out var v), v), "true or false"),
            PreviewEvery = Int("previewEvery", defaults.PreviewEvery),
            ContentLayers = form["contentLayers"].ToString() is { Length: > 0 } content ? content : null,
            StyleLayers = form["styleLayers"].ToString() is { Length: > 0 } style ? style : null,
            Colour = Read("colour", defaults.Colour, t => ColourChoices.Parse(t) is { } c ? (true, c.Mode) : (false, defaults.Colour),
                $"one of: {string.Join(", ", ColourChoices.All.Select(c => c.Name))}"),
            StyleBlend = Blend(form, errors),
            StyleScale = Double("styleScale", defaults.StyleScale),
            CoarseToFineAbove = Int("coarseToFineAbove", defaults.CoarseToFineAbove),
            Kind = Read("kind", defaults.Kind, t => Kinds.TryGetValue(t, out var k) ? (true, k) : (false, defaults.Kind), $"one of: {string.Join(", ", Kinds.Keys)}"),
            ExploreAxis = Read("exploreAxis", defaults.ExploreAxis, t => Axes.TryGetValue(t, out var a) ? (true, a) : (false, defaults.ExploreAxis), $"one of: {string.Join(", ", Axes.Keys)}"),
            ExploreCount = Int("exploreCount", defaults.ExploreCount),
            SketchSize = Int("sketchSize", defaults.SketchSize),
            SketchIterations = Int("sketchIterations", defaults.SketchIterations),
            StageIterations = Read<int?>("stageIterations", defaults.StageIterations, t => (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v), v), "a whole number"),
        };
    }

    /// <summary>Blend weights as repeated <c>styleBlend</c> fields, comma-separated, or both; null when none are given.</summary>
    private static List<double>? Blend(IFormCollection form, Dictionary<string, string[]> errors)
    {
        var parts = form["styleBlend"].SelectMany(JobSettings.SplitList).ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var weights = new List<double>();
        foreach (var part in parts)
        {
            if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight))
            {
                weights.Add(weight);
            }
            else
            {
                errors["styleBlend"] = [$"'{part}' is not a number: give one blend weight per style picture, like 2,1."];
            }
        }

        return weights;
    }
}
