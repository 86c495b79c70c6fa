using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Web.Components.Pages;

/// <summary>The Create page's form: <see cref="JobSettings"/> with settable properties for two-way binding.</summary>
public sealed class EditableSettings(JobSettings settings)
{
    public int Size { get; set; } = settings.Size;

    public int Iterations { get; set; } = settings.Iterations;

    public string Backbone { get; set; } = settings.Backbone;

    public double ContentWeight { get; set; } = settings.ContentWeight;

    public double StyleWeight { get; set; } = settings.StyleWeight;

    public double TvWeight { get; set; } = settings.TvWeight;

    public OptimizerKind Optimizer { get; set; } = settings.Optimizer;

    public InitKind Init { get; set; } = settings.Init;

    public long Seed { get; set; } = settings.Seed;

    public PoolingKind Pooling { get; set; } = settings.Pooling;

    public bool AntiAliasing { get; set; } = settings.AntiAliasing;

    public int PreviewEvery { get; set; } = settings.PreviewEvery;

    public string? ContentLayers { get; set; } = settings.ContentLayers;

    public string? StyleLayers { get; set; } = settings.StyleLayers;

    public ColourMode Colour { get; set; } = settings.Colour;

    public double StyleScale { get; set; } = settings.StyleScale;

    public int CoarseToFineAbove { get; set; } = settings.CoarseToFineAbove;

    public int? StageIterations { get; set; } = settings.StageIterations;

    /// <summary>Blend weights by the style pictures' order; a picture past the end weighs 1 (kept for pictures added later).</summary>
    public List<double> StyleBlend { get; } = settings.StyleBlend?.ToList() ?? [];

    public double BlendWeight(int index) => index < StyleBlend.Count ? StyleBlend[index] : 1;

    public void SetBlendWeight(int index, double weight)
    {
        while (StyleBlend.Count <= index)
        {
            StyleBlend.Add(1);
        }

        StyleBlend[index] = weight;
    }

    /// <summary>The style picture at <paramref name="index"/> was removed: its weight goes with it.</summary>
    public void RemoveStyle(int index)
    {
        if (index < StyleBlend.Count)
        {
            StyleBlend.RemoveAt(index);
        }
    }

    /// <summary>The settings to submit with <paramref name="styleCount"/> style pictures; equal weights need no blend.</summary>
    public JobSettings ToJobSettings(int styleCount) => new()
    {
        Size = Size,
        Iterations = Iterations,
        Backbone = Backbone,
        ContentWeight = ContentWeight,
        StyleWeight = StyleWeight,
        TvWeight = TvWeight,
        Optimizer = Optimizer,
        Init = Init,
        Seed = Seed,
        Pooling = Pooling,
        AntiAliasing = AntiAliasing,
        PreviewEvery = PreviewEvery,
        ContentLayers = string.IsNullOrWhiteSpace(ContentLayers) ? null : ContentLayers,
        StyleLayers = string.IsNullOrWhiteSpace(StyleLayers) ? null : StyleLayers,
        Colour = Colour,
        StyleBlend = Blend(styleCount),
        StyleScale = StyleScale,
        CoarseToFineAbove = CoarseToFineAbove,
        StageIterations = StageIterations,
    };

    private List<double>? Blend(int styleCount)
    {
        var weights = Enumerable.Range(0, styleCount).Select(BlendWeight).ToList();
        return weights.Distinct().Count() > 1 ? weights : null;
    }
}
