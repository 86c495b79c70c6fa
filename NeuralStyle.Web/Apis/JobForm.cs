using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Web.Apis;

/// <summary>
/// The multipart form <c>POST /api/jobs</c> takes, for the OpenAPI document (the handler reads the form itself, to word
/// its errors). Only <c>content</c> and <c>style</c> are needed; a field left out takes its default, which the document
/// gives from <see cref="JobSettings"/>. Fields are named as in a job's <c>settings</c>, and every value a status shows
/// is accepted back.
/// </summary>
public sealed class JobForm
{
    /// <summary>The photo whose subject is kept (JPEG, PNG, WebP, BMP or GIF).</summary>
    public required IFormFile Content { get; init; }

    /// <summary>One or more style pictures (a painting or a texture), as several parts named <c>style</c>.</summary>
    public required IFormFileCollection Style { get; init; }

    /// <summary>Long side of the result, in pixels (16 up to the server's limit, which signing in may raise).</summary>
    public int? Size { get; init; }

    /// <summary>Optimisation steps (1 up to the server's limit).</summary>
    public int? Iterations { get; init; }

    /// <summary>The network whose features are matched: a name from <c>GET /api/models</c>.</summary>
    public string? Backbone { get; init; }

    /// <summary>Alpha, the weight of the content loss (the paper's equation 7).</summary>
    public double? ContentWeight { get; init; }

    /// <summary>Beta, the weight of the style loss; without it, the chosen network's recommended weight (<c>GET /api/models</c>).</summary>
    public double? StyleWeight { get; init; }

    /// <summary>Weight of the total-variation smoothing term; 0 leaves it out.</summary>
    public double? TvWeight { get; init; }

    /// <summary>The optimiser over the picture's pixels.</summary>
    public OptimizerKind? Optimizer { get; init; }

    /// <summary>
    /// The picture the optimisation starts from: white noise (the paper's), the photo, the style picture, or the photo in
    /// the style pictures' colours (contentInStyleColours).
    /// </summary>
    public InitKind? Init { get; init; }

    /// <summary>Seed of the random start and anything else random, so that a run can be repeated.</summary>
    public long? Seed { get; init; }

    /// <summary>The network's pooling: average (the paper's choice; <c>avg</c> is read as it too) or max.</summary>
    public PoolingKind? Pooling { get; init; }

    /// <summary>ResNet18 only: a small blur before each of its stride-2 layers, so that it paints no two-pixel checkerboard (Zhang 2019).</summary>
    public bool? AntiAliasing { get; init; }

    /// <summary>Steps between two preview frames; 0 shows only the final picture.</summary>
    public int? PreviewEvery { get; init; }

    /// <summary>Comma-separated layer names whose features carry the content; empty takes the network's defaults.</summary>
    public string? ContentLayers { get; init; }

    /// <summary>Comma-separated style layer names, each optionally with a weight (<c>relu1_1:0.5</c>); empty takes the defaults.</summary>
    public string? StyleLayers { get; init; }

    /// <summary>
    /// How the result's colours relate to the photo's (Gatys et al. 2017): the painting's (style), the photo's
    /// (luminance), the painting recoloured to the photo's first (matchStyleToPhoto, or match) or the photo's put back
    /// afterwards (originalColours, or original).
    /// </summary>
    public ColourMode? Colour { get; init; }

    /// <summary>One weight per style picture, as repeated fields or comma-separated; left out, the styles weigh the same.</summary>
    public IReadOnlyList<double>? StyleBlend { get; init; }

    /// <summary>The style pictures' size relative to the result's (0.1 to 4): smaller makes finer brush strokes.</summary>
    public double? StyleScale { get; init; }

    /// <summary>Results larger than this many pixels are made coarse to fine; 0 always makes them in one stage.</summary>
    public int? CoarseToFineAbove { get; init; }

    /// <summary>Steps of each coarser stage; left out, the same as <c>iterations</c>.</summary>
    public int? StageIterations { get; init; }

    /// <summary>What the job makes: one picture (paint), a grid of quick variants (explore) or the network's view of the pictures (networkView).</summary>
    public JobKind? Kind { get; init; }

    /// <summary>What an explore grid varies: the content/style balance (contentStyleRatio, or ratio) or the content layer (contentLayer, or layer).</summary>
    public ExploreAxis? ExploreAxis { get; init; }

    /// <summary>How many variants an explore grid has (2 to 6).</summary>
    public int? ExploreCount { get; init; }

    /// <summary>Long side of each sketch of an explore grid or network view, in pixels.</summary>
    public int? SketchSize { get; init; }

    /// <summary>Steps of each sketch of an explore grid or network view.</summary>
    public int? SketchIterations { get; init; }

    /// <summary>
    /// Whether the job and its pictures are seen only by you, the admins and whoever you give its share link. Left out:
    /// true (private); false shows them to everyone in the gallery.
    /// </summary>
    public bool? Private { get; init; }
}
