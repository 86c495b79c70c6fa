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

    public int PreviewEvery { get; set; } = settings.PreviewEvery;

    public string? ContentLayers { get; set; } = settings.ContentLayers;

    public string? StyleLayers { get; set; } = settings.StyleLayers;

    public JobSettings ToJobSettings() => new()
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
        PreviewEvery = PreviewEvery,
        ContentLayers = string.IsNullOrWhiteSpace(ContentLayers) ? null : ContentLayers,
        StyleLayers = string.IsNullOrWhiteSpace(StyleLayers) ? null : StyleLayers,
    };
}
