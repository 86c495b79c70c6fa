using System.Globalization;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// A job's settings as people and the REST API give them (names as the CLI's options). Defaults differ from the
/// paper's on purpose: 384 px, 200 iterations from the content photo finish in about a minute on a CPU demo server,
/// and beta is the default backbone's recommended style weight (the paper's 1e3 is for VGG19).
/// </summary>
public sealed record JobSettings
{
    public int Size { get; init; } = 384;

    public int Iterations { get; init; } = 200;

    public string Backbone { get; init; } = "resnet18";

    public double ContentWeight { get; init; } = 1;

    public double StyleWeight { get; init; } = BackboneCatalog.RecommendedStyleWeight(BackboneCatalog.DefaultBackbone);

    public double TvWeight { get; init; }

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Lbfgs;

    public InitKind Init { get; init; } = InitKind.Content;

    public long Seed { get; init; }

    public PoolingKind Pooling { get; init; } = PoolingKind.Average;

    public int PreviewEvery { get; init; } = 10;

    /// <summary>Comma-separated layer names; empty takes the backbone's defaults.</summary>
    public string? ContentLayers { get; init; }

    /// <summary>Comma-separated layer names, each optionally with a weight (<c>layer:0.5</c>); empty takes the defaults.</summary>
    public string? StyleLayers { get; init; }

    public StyleSettings ToStyleSettings() => new()
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
        ContentLayers = SplitList(ContentLayers) is { Count: > 0 } content ? content : null,
        StyleLayers = ParseStyleLayers(StyleLayers) is { Count: > 0 } style ? style : null,
    };

    internal static List<string> SplitList(string? text) =>
        (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Parses <c>a:0.5,b</c>; layers without a weight share what the weighted ones leave (1/count when none has one).</summary>
    internal static List<LayerWeight> ParseStyleLayers(string? text)
    {
        var parts = SplitList(text).Select(part => part.Split(':', 2, StringSplitOptions.TrimEntries)).ToList();
        var equal = 1.0 / Math.Max(parts.Count, 1);
        return parts.Select(p => new LayerWeight(p[0], p.Length == 2 ? double.Parse(p[1], CultureInfo.InvariantCulture) : equal)).ToList();
    }
}
