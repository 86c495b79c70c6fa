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

    /// <summary>ResNet18 only: a small blur before its stride-2 layers, so it prints no checkerboard (see <see cref="StyleSettings.AntiAliasing"/>).</summary>
    public bool AntiAliasing { get; init; } = true;

    public int PreviewEvery { get; init; } = 10;

    /// <summary>Comma-separated layer names; empty takes the backbone's defaults.</summary>
    public string? ContentLayers { get; init; }

    /// <summary>Comma-separated layer names, each optionally with a weight (<c>layer:0.5</c>); empty takes the defaults.</summary>
    public string? StyleLayers { get; init; }

    /// <summary>How the result's colours relate to the photo's (Gatys et al. 2017).</summary>
    public ColourMode Colour { get; init; } = ColourMode.Style;

    /// <summary>One weight per style picture; null weighs them equally.</summary>
    public IReadOnlyList<double>? StyleBlend { get; init; }

    /// <summary>The style pictures' size relative to the output's (0.1 to 4).</summary>
    public double StyleScale { get; init; } = 1;

    /// <summary>Outputs larger than this are made coarse to fine (0 = always one stage).</summary>
    public int CoarseToFineAbove { get; init; } = 1024;

    /// <summary>Iterations of each coarser stage; null = <see cref="Iterations"/>.</summary>
    public int? StageIterations { get; init; }

    /// <summary>What the job makes: one picture, an explore grid or the network's view.</summary>
    public JobKind Kind { get; init; } = JobKind.Paint;

    /// <summary>What an explore grid varies.</summary>
    public ExploreAxis ExploreAxis { get; init; } = ExploreAxis.ContentStyleRatio;

    /// <summary>How many variants an explore grid has (2 to 6).</summary>
    public int ExploreCount { get; init; } = 4;

    /// <summary>Long side of each sketch of an explore grid or network view, in pixels.</summary>
    public int SketchSize { get; init; } = new SketchSize().Size;

    /// <summary>Iterations of each sketch.</summary>
    public int SketchIterations { get; init; } = new SketchSize().Iterations;

    /// <summary>The settings a recipe (or the command line) ran with, in the form people and the API give them.</summary>
    public static JobSettings From(StyleSettings settings) => new()
    {
        Size = settings.Size,
        Iterations = settings.Iterations,
        Backbone = settings.Backbone,
        ContentWeight = settings.ContentWeight,
        StyleWeight = settings.StyleWeight,
        TvWeight = settings.TvWeight,
        Optimizer = settings.Optimizer,
        Init = settings.Init,
        Seed = settings.Seed,
        Pooling = settings.Pooling,
        AntiAliasing = settings.AntiAliasing,
        PreviewEvery = settings.PreviewEvery,
        ContentLayers = settings.ContentLayers is { Count: > 0 } content ? string.Join(",", content) : null,
        StyleLayers = settings.StyleLayers is { Count: > 0 } style
            ? string.Join(",", style.Select(l => $"{l.Layer}:{l.Weight.ToString("R", CultureInfo.InvariantCulture)}"))
            : null,
        Colour = settings.Colour,
        StyleBlend = settings.StyleBlend,
        StyleScale = settings.StyleScale,
        CoarseToFineAbove = settings.CoarseToFineAbove,
        StageIterations = settings.StageIterations,
    };

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
        AntiAliasing = AntiAliasing,
        PreviewEvery = PreviewEvery,
        ContentLayers = SplitList(ContentLayers) is { Count: > 0 } content ? content : null,
        StyleLayers = ParseStyleLayers(StyleLayers) is { Count: > 0 } style ? style : null,
        Colour = Colour,
        StyleBlend = StyleBlend,
        StyleScale = StyleScale,
        CoarseToFineAbove = CoarseToFineAbove,
        StageIterations = StageIterations,
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
