using Microsoft.Extensions.Options;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Engine;
using NeuralStyle.Web.Limits;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Jobs;

/// <summary>Checks settings before a job is queued; each error is a sentence keyed by the field's camelCase name.</summary>
public sealed class JobSettingsValidator(PersonLimits personLimits, IStyleEngine engine)
{
    /// <summary>Size and iterations are checked against <paramref name="who"/>'s allowance (signed-in people may ask for more).</summary>
    public Dictionary<string, string[]> Validate(JobSettings settings, Owner who)
    {
        var limits = personLimits.For(who);
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (settings.Size < 16 || settings.Size > limits.MaxSize)
        {
            Fail("size", $"The output size must be between 16 and {limits.MaxSize} pixels." + personLimits.SigningInRaises(who, a => a.MaxSize));
        }

        if (settings.Iterations < 1 || settings.Iterations > limits.MaxIterations)
        {
            Fail("iterations", $"The number of iterations must be between 1 and {limits.MaxIterations}." + personLimits.SigningInRaises(who, a => a.MaxIterations));
        }

        CheckWeight(settings.ContentWeight, "contentWeight", "content weight", Fail);
        CheckWeight(settings.StyleWeight, "styleWeight", "style weight", Fail);
        CheckWeight(settings.TvWeight, "tvWeight", "smoothing (TV) weight", Fail);
        if (settings.ContentWeight == 0 && settings.StyleWeight == 0)
        {
            Fail("styleWeight", "The content weight and the style weight cannot both be zero: there would be nothing to optimise.");
        }

        if (settings.PreviewEvery < 0)
        {
            Fail("previewEvery", "The preview interval cannot be negative (0 shows only the final picture).");
        }

        var backbones = engine.Backbones();
        var backbone = backbones.FirstOrDefault(b => string.Equals(b.Name, settings.Backbone, StringComparison.OrdinalIgnoreCase));
        if (backbone is null)
        {
            Fail("backbone", $"There is no network called '{settings.Backbone}'. Choose one of: {string.Join(", ", backbones.Select(b => b.Name))}.");
        }
        else if (!backbone.Ready)
        {
            Fail("backbone", $"The network '{backbone.Name}' cannot be used on this server: {backbone.NotReadyReason}");
        }

        foreach (var part in JobSettings.SplitList(settings.StyleLayers))
        {
            var pieces = part.Split(':', 2, StringSplitOptions.TrimEntries);
            if (pieces.Length == 2 && (!double.TryParse(pieces[1], System.Globalization.CultureInfo.InvariantCulture, out var w) || !double.IsFinite(w) || w < 0))
            {
                Fail("styleLayers", $"'{part}' should be a layer name, optionally followed by ':' and a weight of zero or more, like relu3_1:0.5.");
            }
        }

        if (!double.IsFinite(settings.StyleScale) || settings.StyleScale < 0.1 || settings.StyleScale > 4)
        {
            Fail("styleScale", "The brush size (style scale) must be a number from 0.1 to 4; 1 sees the style picture at the output's size.");
        }

        if (settings.StyleBlend is { } blend && (blend.Any(w => !double.IsFinite(w) || w < 0) || blend.Sum() <= 0))
        {
            Fail("styleBlend", "Blend weights must be numbers of at least 0, and not all 0.");
        }

        if (settings.CoarseToFineAbove < 0)
        {
            Fail("coarseToFineAbove", "The coarse-to-fine threshold cannot be negative (0 makes every picture in one stage).");
        }

        if (settings.StageIterations is { } stage && (stage < 1 || stage > limits.MaxIterations))
        {
            Fail("stageIterations", $"The iterations per coarse stage must be between 1 and {limits.MaxIterations}." + personLimits.SigningInRaises(who, a => a.MaxIterations));
        }

        if (!Enum.IsDefined(settings.Colour))
        {
            Fail("colour", $"The colour mode must be one of: {string.Join(", ", ColourChoices.All.Select(c => c.Name))}.");
        }

        if (settings.Kind != JobKind.Paint && errors.Count == 0)
        {
            CheckSketches(settings, errors, Fail);
        }

        return errors;
    }

    /// <summary>
    /// Refuses a size this server's memory cannot hold, before the run rather than half-way through it, once the
    /// content picture's shape and the style count are known.
    /// </summary>
    public string? CheckMemory(JobSettings settings, int width, int height, int styleCount)
    {
        var largest = engine.LargestSize(settings.ToStyleSettings(), (double)width / height, styleCount);
        return largest is { } fits && settings.Size > fits ? TooLarge(fits) : null;
    }

    /// <summary>The sentence a too-large request gets, on the web and on the command line.</summary>
    public static string TooLarge(int largest) => largest >= 16
        ? $"This picture is too large for this server's memory: the largest that fits is about {largest} px."
        : "This picture is too large for this server's memory: not even the smallest size fits right now. Try again later.";

    private static void CheckSketches(JobSettings settings, Dictionary<string, string[]> errors, Action<string, string> fail)
    {
        if (!Enum.IsDefined(settings.Kind) || !Enum.IsDefined(settings.ExploreAxis))
        {
            fail("kind", "The job kind must be paint, explore or networkView, and an explore grid varies ratio or layer.");
            return;
        }

        if (settings.Kind == JobKind.Explore && settings.ExploreCount is < ExploreGrid.MinCount or > ExploreGrid.MaxCount)
        {
            fail("exploreCount", $"An explore grid shows {ExploreGrid.MinCount} to {ExploreGrid.MaxCount} variants side by side.");
        }

        if (settings.SketchSize is < 16 or > SketchSize.MaxSize)
        {
            fail("sketchSize", $"Quick sketches are 16 to {SketchSize.MaxSize} pixels: they are for a first look, not pictures to keep.");
        }

        if (settings.SketchIterations is < 1 or > SketchSize.MaxIterations)
        {
            fail("sketchIterations", $"Each quick sketch runs 1 to {SketchSize.MaxIterations} iterations.");
        }

        if (errors.Count > 0)
        {
            return;
        }

        try
        {
            JobSketches.Plan(settings);
        }
        catch (StyleTransferException e)
        {
            fail("kind", e.Message);
        }
    }


    /// <summary>A blend needs exactly one weight per style picture; checked once the pictures are counted.</summary>
    public static string? CheckBlendCount(JobSettings settings, int styleCount) =>
        settings.StyleBlend is { } blend && styleCount > 0 && blend.Count != styleCount
            ? $"Give one blend weight per style picture: {Count(styleCount, "picture")}, {Count(blend.Count, "weight")}."
            : null;

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static void CheckWeight(double value, string field, string name, Action<string, string> fail)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1e12)
        {
            fail(field, $"The {name} must be a number from 0 to 1e12.");
        }
    }
}
