using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// The sketches of an explore or network-view job, worked out again from its stored settings whenever needed (by the
/// worker, the job page and "paint this one"), so nothing beyond the settings has to be stored.
/// </summary>
public static class JobSketches
{
    /// <summary>The job's sketches in order; empty for a painting.</summary>
    /// <exception cref="StyleTransferException">Settings the grid cannot be built from, with the reason in words.</exception>
    public static IReadOnlyList<Sketch> Plan(JobSettings settings)
    {
        if (settings.Kind == JobKind.Paint)
        {
            return [];
        }

        var depths = BackboneCatalog.Depths(settings.Backbone)
            ?? throw new StyleTransferException($"There is no network called '{settings.Backbone}'.");
        var size = new SketchSize(settings.SketchSize, settings.SketchIterations);
        var full = settings.ToStyleSettings();
        return settings.Kind == JobKind.Explore
            ? ExploreGrid.Build(full, settings.ExploreAxis, settings.ExploreCount, depths, size)
            : NetworkView.Plan(full, depths, size);
    }

    /// <summary>Iterations the whole job runs, for its progress bar.</summary>
    public static int TotalIterations(JobSettings settings) =>
        settings.Kind == JobKind.Paint ? settings.Iterations : Plan(settings).Sum(s => s.Settings.Iterations);
}
