using System.Globalization;
using System.Text.Json;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Web.Apis;

/// <summary>
/// Reads <see cref="JobSettings"/> from form fields named like the CLI's options (camelCase); absent fields keep their
/// defaults, and every value a job's status shows is read back as the same setting.
/// </summary>
internal static class JobSettingsForm
{
    /// <summary>The short names the command line and earlier versions use, beside the names a job's status writes.</summary>
    private static readonly Dictionary<string, ExploreAxis> ShortAxes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ratio"] = ExploreAxis.ContentStyleRatio,
        ["layer"] = ExploreAxis.ContentLayer,
    };

    private static readonly Dictionary<string, PoolingKind> ShortPooling = new(StringComparer.OrdinalIgnoreCase)
    {
        ["avg"] = PoolingKind.Average,
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
        // The names a job's status writes (camelCase), in any case, and the short names beside them.
        TEnum Enum<TEnum>(string field, TEnum fallback, IReadOnlyDictionary<string, TEnum>? shortNames = null)
            where TEnum : struct, Enum =>
            Read(field, fallback, t => shortNames?.TryGetValue(t, out var named) == true ? (true, named)
                    : (System.Enum.TryParse<TEnum>(t, ignoreCase: true, out var v) && System.Enum.IsDefined(v) && !char.IsDigit(t[0]) && t[0] != '-', v),
                $"one of: {string.Join(", ", System.Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName).Concat(shortNames?.Keys ?? []))}");

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
            Pooling = Enum("pooling", defaults.Pooling, ShortPooling),
            AntiAliasing = Read("antiAliasing", defaults.AntiAliasing, t => (bool.TryParse(t, out var v), v), "true or false"),
            PreviewEvery = Int("previewEvery", defaults.PreviewEvery),
            ContentLayers = form["contentLayers"].ToString() is { Length: > 0 } content ? content : null,
            StyleLayers = form["styleLayers"].ToString() is { Length: > 0 } style ? style : null,
            Colour = Read("colour", defaults.Colour, t => ColourChoices.Parse(t) is { } c ? (true, c.Mode) : (false, defaults.Colour),
                $"one of: {string.Join(", ", ColourChoices.All.Select(c => c.Name))}"),
            StyleBlend = Blend(form, errors),
            StyleScale = Double("styleScale", defaults.StyleScale),
            CoarseToFineAbove = Int("coarseToFineAbove", defaults.CoarseToFineAbove),
            Kind = Enum("kind", defaults.Kind),
            ExploreAxis = Enum("exploreAxis", defaults.ExploreAxis, ShortAxes),
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
