namespace NeuralStyle.Engine.Transfer;

/// <summary>Which optimiser updates the pixels.</summary>
public enum OptimizerKind
{
    /// <summary>L-BFGS, the paper's choice (section 2.3).</summary>
    Lbfgs,

    /// <summary>Adam, as several peers offer; cheaper per iteration, needs more of them.</summary>
    Adam,
}

/// <summary>What the optimised picture starts from.</summary>
public enum InitKind
{
    /// <summary>White noise, as in the paper.</summary>
    Noise,

    /// <summary>The content photo (converges faster, keeps more of the photo).</summary>
    Content,

    /// <summary>The style picture, resized to the output.</summary>
    Style,

    /// <summary>
    /// The content photo with the style pictures' colour mean and covariance (Gatys et al. 2017, section 5.2, the other
    /// way round): the run starts in the painting's palette with the photo's layout, and spends its iterations on texture.
    /// </summary>
    ContentInStyleColours,
}

/// <summary>The pooling VGG19 uses between its blocks.</summary>
public enum PoolingKind
{
    /// <summary>Average pooling: the paper found it gives slightly more appealing results (section 2).</summary>
    Average,

    /// <summary>Max pooling, as VGG19 was trained.</summary>
    Max,
}

/// <summary>How the result's colours relate to the photo's (Gatys et al. 2017, "Controlling Perceptual Factors").</summary>
public enum ColourMode
{
    /// <summary>Colours come from the style picture, as in the 2016 paper.</summary>
    Style,

    /// <summary>Luminance-only transfer (2017, section 5.1): the run sees luminance alone; the photo's colours are put back.</summary>
    Luminance,

    /// <summary>Colour histogram matching (2017, section 5.2): the style picture's colours are matched to the photo's first.</summary>
    MatchStyleToPhoto,

    /// <summary>The peers' "original colours": the result's luminance with the photo's colour, swapped in afterwards.</summary>
    OriginalColours,
}

/// <summary>A style layer and its weight w_l in equation 5.</summary>
public sealed record LayerWeight(string Layer, double Weight);

/// <summary>
/// Everything that decides one run's picture. Defaults are the paper's (Gatys, Ecker and Bethge, CVPR 2016)
/// unless a comment says otherwise; layer lists left null take the backbone's defaults.
/// </summary>
public sealed record StyleSettings
{
    /// <summary>Output size in pixels along the long side; the content photo's aspect ratio is kept.</summary>
    public int Size { get; init; } = 512;

    /// <summary>Optimisation iterations. For L-BFGS one iteration is one evaluation of loss and gradient.</summary>
    public int Iterations { get; init; } = 500;

    /// <summary>Backbone name; the embedded ResNet18 works with no download.</summary>
    public string Backbone { get; init; } = "resnet18";

    /// <summary>alpha in equation 7.</summary>
    public double ContentWeight { get; init; } = 1;

    /// <summary>beta in equation 7; alpha/beta = 1e-3 is the paper's Figure 3 setting.</summary>
    public double StyleWeight { get; init; } = 1e3;

    /// <summary>Total-variation weight; not in the paper (0 = off), added by the peers to smooth high-frequency noise.</summary>
    public double TvWeight { get; init; }

    /// <summary>The optimiser; L-BFGS as in section 2.3.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Lbfgs;

    /// <summary>
    /// The starting picture. Not the paper's white noise: started from the photo, L-BFGS reached the lowest loss first
    /// at every evaluation count we measured (docs/PERFORMANCE.md, "Iterations to a good picture"); noise is one option away.
    /// </summary>
    public InitKind Init { get; init; } = InitKind.Content;

    /// <summary>Seed for the noise and anything random; the same seed gives the same picture on the CPU.</summary>
    public long Seed { get; init; }

    /// <summary>VGG19's pooling; average as in section 2.</summary>
    public PoolingKind Pooling { get; init; } = PoolingKind.Average;

    /// <summary>
    /// ResNet18 only: a small blur before each of its stride-2 layers (Zhang, "Making Convolutional Networks
    /// Shift-Invariant Again", ICML 2019), the weights unchanged. Without it the optimiser paints the two-pixel
    /// checkerboard those layers sample on into every flat area (docs/QUALITY.md); VGG19 runs as the paper has it.
    /// </summary>
    public bool AntiAliasing { get; init; } = true;

    /// <summary>Layers for the content loss (equation 1); null takes the backbone's default.</summary>
    public IReadOnlyList<string>? ContentLayers { get; init; }

    /// <summary>Style layers with their w_l (equation 5); null takes the backbone's defaults at w_l = 1/count.</summary>
    public IReadOnlyList<LayerWeight>? StyleLayers { get; init; }

    /// <summary>Step size. Null picks per optimiser: 1 for L-BFGS (PyTorch's default), 0.02 for Adam on 0..1 pixels.</summary>
    public double? LearningRate { get; init; }

    /// <summary>
    /// Curvature pairs L-BFGS keeps. Each costs memory (two pictures' worth) and time (it is read twice per step).
    /// torch.optim.LBFGS and jcjohnson/neural-style keep 100; from the photo, 20 reached within 0.5 % of 100's loss after
    /// 200 evaluations while a step at 512 px cost about a sixth less (docs/PERFORMANCE.md, "How many curvature pairs").
    /// </summary>
    public int LbfgsHistory { get; init; } = 20;

    /// <summary>A preview frame every this many iterations (0 = only the final picture).</summary>
    public int PreviewEvery { get; init; } = 10;

    /// <summary>How the result's colours relate to the photo's; the 2016 paper takes the style's.</summary>
    public ColourMode Colour { get; init; } = ColourMode.Style;

    /// <summary>
    /// One weight per style picture for mixing their Gram matrices (normalised to sum 1); null weighs them equally.
    /// </summary>
    public IReadOnlyList<double>? StyleBlend { get; init; }

    /// <summary>
    /// The style pictures' long side relative to the output's. The result copies brush strokes at the size they have
    /// in pixels, so above 1 strokes come out larger and below 1 finer. 1 = the same size as the output.
    /// </summary>
    public double StyleScale { get; init; } = 1;

    /// <summary>
    /// Outputs larger than <see cref="CoarseToFineAbove"/> pixels are made coarse to fine: first at half size (halving
    /// down to no less than 512 px), each stage starting from the last one's upsampled result. 0 = always one stage.
    /// </summary>
    public int CoarseToFineAbove { get; init; } = 1024;

    /// <summary>Iterations of each coarser stage; null = <see cref="Iterations"/>.</summary>
    public int? StageIterations { get; init; }
}
