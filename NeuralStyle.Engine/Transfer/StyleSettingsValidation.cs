namespace NeuralStyle.Engine.Transfer;

/// <summary>Range checks for <see cref="StyleSettings"/>, each failure a sentence a person understands.</summary>
public static class StyleSettingsValidation
{
    /// <summary>The largest output long side accepted at all; devices may hold less.</summary>
    public const int MaxSize = 4096;

    /// <summary>The most iterations one run may ask for.</summary>
    public const int MaxIterations = 10_000;

    /// <summary>The most curvature pairs L-BFGS may keep.</summary>
    public const int MaxLbfgsHistory = 1000;

    /// <summary>Every problem with <paramref name="settings"/>; empty when they are usable.</summary>
    public static IReadOnlyList<string> Validate(StyleSettings settings)
    {
        var errors = new List<string>();
        if (settings.Size is < 16 or > MaxSize)
        {
            errors.Add($"Output size must be between 16 and {MaxSize} pixels (got {settings.Size}).");
        }

        if (settings.Iterations is < 1 or > MaxIterations)
        {
            errors.Add($"Iterations must be between 1 and {MaxIterations} (got {settings.Iterations}).");
        }

        RequireWeight(errors, "Content weight", settings.ContentWeight);
        RequireWeight(errors, "Style weight", settings.StyleWeight);
        RequireWeight(errors, "Total-variation weight", settings.TvWeight);
        if (settings.ContentWeight == 0 && settings.StyleWeight == 0)
        {
            errors.Add("Content weight and style weight cannot both be zero: there would be nothing to optimise.");
        }

        if (settings.LearningRate is { } rate && (!double.IsFinite(rate) || rate <= 0 || rate > 1000))
        {
            errors.Add($"Learning rate must be a positive number up to 1000 (got {rate}).");
        }

        if (settings.LbfgsHistory is < 1 or > MaxLbfgsHistory)
        {
            errors.Add($"L-BFGS keeps 1 to {MaxLbfgsHistory} curvature pairs (got {settings.LbfgsHistory}).");
        }

        if (settings.PreviewEvery < 0)
        {
            errors.Add($"Preview interval cannot be negative (got {settings.PreviewEvery}).");
        }

        if (settings.ContentLayers is { Count: 0 })
        {
            errors.Add("Pick at least one content layer, or leave the list empty to use the default.");
        }

        if (settings.StyleLayers is { } styleLayers)
        {
            if (styleLayers.Count == 0)
            {
                errors.Add("Pick at least one style layer, or leave the list empty to use the defaults.");
            }

            foreach (var layer in styleLayers.Where(l => !double.IsFinite(l.Weight) || l.Weight < 0))
            {
                errors.Add($"The weight of style layer '{layer.Layer}' must be a number of at least 0 (got {layer.Weight}).");
            }
        }

        if (!double.IsFinite(settings.StyleScale) || settings.StyleScale < 0.1 || settings.StyleScale > 4)
        {
            errors.Add($"Style scale must be between 0.1 and 4 (got {settings.StyleScale}).");
        }

        if (settings.StyleBlend is { } blend && (blend.Any(w => !double.IsFinite(w) || w < 0) || blend.Sum() <= 0))
        {
            errors.Add("Style blend weights must be numbers of at least 0, and not all 0.");
        }

        if (settings.CoarseToFineAbove < 0)
        {
            errors.Add($"The coarse-to-fine threshold cannot be negative (got {settings.CoarseToFineAbove}).");
        }

        if (settings.StageIterations is < 1 or > MaxIterations)
        {
            errors.Add($"Iterations per coarse stage must be between 1 and {MaxIterations} (got {settings.StageIterations}).");
        }

        if (!Enum.IsDefined(settings.Optimizer) || !Enum.IsDefined(settings.Init) || !Enum.IsDefined(settings.Pooling) || !Enum.IsDefined(settings.Colour))
        {
            errors.Add("Optimizer, start picture, pooling and colour mode must be one of the listed choices.");
        }

        return errors;
    }

    private static void RequireWeight(List<string> errors, string name, double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1e12)
        {
            errors.Add($"{name} must be a number between 0 and 1e12 (got {value}).");
        }
    }
}
