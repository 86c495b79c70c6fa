// The optimisation of Gatys, Ecker and Bethge (CVPR 2016), section 2.3: gradient descent on the pixels of a picture
// that starts from white noise, with L-BFGS; the network's weights never change.
using System.Diagnostics;
using System.Runtime.InteropServices;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>Runs style transfer: one picture, optimised until it matches a photo's content and paintings' style.</summary>
public static class StyleTransfer
{
    /// <summary>
    /// Optimises a new picture. Runs synchronously on the calling thread with one dispose scope per iteration;
    /// only plain values reach <paramref name="progress"/>. Cancellation is checked between iterations.
    /// </summary>
    /// <param name="backbone">The feature extractor; its device is where the run happens.</param>
    /// <param name="content">The photo whose content is kept; the output has its aspect ratio.</param>
    /// <param name="styles">One or more style pictures, blended with equal weight.</param>
    /// <param name="settings">Everything else; see <see cref="StyleSettings"/>.</param>
    /// <param name="progress">Receives every iteration's losses and the preview frames.</param>
    /// <param name="cancellationToken">Stops the run between iterations with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="StyleTransferException">Bad settings, unknown layers, divergence or out of memory.</exception>
    public static StyleResult Run(
        IBackbone backbone,
        RgbImage content,
        IReadOnlyList<RgbImage> styles,
        StyleSettings settings,
        IStyleProgress progress,
        CancellationToken cancellationToken)
    {
        var errors = StyleSettingsValidation.Validate(settings);
        if (errors.Count > 0)
        {
            throw new StyleTransferException(string.Join(" ", errors));
        }

        if (styles.Count == 0)
        {
            throw new StyleTransferException("Add at least one style picture.");
        }

        var (contentLayers, styleLayers) = Layers(backbone, settings);

        var clock = Stopwatch.StartNew();
        try
        {
            return Optimise(backbone, content, styles, settings, contentLayers, styleLayers, progress, clock, cancellationToken);
        }
        catch (ExternalException ex) when (ex.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new StyleTransferException(
                $"Out of {(backbone.Device.type == TorchSharp.DeviceType.CUDA ? "GPU" : "main")} memory at {settings.Size} px: try {Math.Max(16, settings.Size / 2)} px.", ex);
        }
    }

    private static StyleResult Optimise(
        IBackbone backbone,
        RgbImage contentImage,
        IReadOnlyList<RgbImage> styleImages,
        StyleSettings settings,
        IReadOnlyList<string> contentLayers,
        IReadOnlyList<LayerWeight> styleLayers,
        IStyleProgress progress,
        Stopwatch clock,
        CancellationToken cancellationToken)
    {
        var device = backbone.Device;
        using var runScope = NewDisposeScope();
        var content = ImageTensors.FitLongSide(ImageTensors.ToTensor(contentImage, device), settings.Size);
        var (height, width) = (content.shape[2], content.shape[3]);
        var styles = styleImages.Select(s => ImageTensors.FitLongSide(ImageTensors.ToTensor(s, device), settings.Size)).ToArray();
        var blend = styles.Select(_ => 1.0 / styles.Length).ToArray();

        using var targets = StyleTargets.Compute(backbone, content, styles, blend, contentLayers, styleLayers.Select(l => l.Layer).ToArray());
        var objective = new StyleObjective(
            backbone, targets, contentLayers, styleLayers, settings.ContentWeight, settings.StyleWeight, settings.TvWeight);

        var pixels = new Parameter(InitialPicture(settings, content, styles[0], height, width), requires_grad: true);
        using var optimizer = IPixelOptimizer.Create(settings, pixels);
        // Adam's steps are clipped to 0..1 each iteration. L-BFGS's are not: clipping breaks its curvature pairs and
        // made it oscillate in our tests; like the authors' code and jcjohnson/neural-style it runs unconstrained and
        // the picture is clipped to 0..1 when it is shown or saved.
        var clipEachStep = settings.Optimizer != OptimizerKind.Lbfgs;
        var steps = new List<StepReport>(settings.Iterations);
        var optimisationClock = Stopwatch.StartNew();
        for (var iteration = 1; iteration <= settings.Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = Step(optimizer, objective, pixels, clipEachStep, iteration, settings.Iterations, optimisationClock);
            if (!double.IsFinite(step.TotalLoss))
            {
                throw new StyleTransferException(
                    $"The optimisation diverged at iteration {iteration} (the loss became {step.TotalLoss}). Try a smaller style weight or learning rate.");
            }

            steps.Add(step);
            progress.Report(step);
            if (settings.PreviewEvery > 0 && iteration % settings.PreviewEvery == 0 && iteration < settings.Iterations)
            {
                progress.Preview(new PreviewFrame(iteration, ImageTensors.ToImage(pixels)));
            }
        }

        var result = ImageTensors.ToImage(pixels);
        progress.Preview(new PreviewFrame(settings.Iterations, result));
        return new StyleResult(result, steps, clock.Elapsed, TorchRuntime.Describe(device));
    }

    /// <summary>The run's content and style layers: the settings' or the backbone's defaults, checked against the backbone.</summary>
    internal static (IReadOnlyList<string> Content, IReadOnlyList<LayerWeight> Style) Layers(IBackbone backbone, StyleSettings settings)
    {
        var contentLayers = settings.ContentLayers ?? backbone.DefaultContentLayers;
        var styleLayers = settings.StyleLayers
            ?? backbone.DefaultStyleLayers.Select(l => new LayerWeight(l, 1.0 / backbone.DefaultStyleLayers.Count)).ToArray();
        RequireKnownLayers(backbone, contentLayers.Concat(styleLayers.Select(l => l.Layer)));
        return (contentLayers, styleLayers);
    }

    /// <summary>One iteration in its own dispose scope: for L-BFGS exactly one evaluation of loss and gradient.</summary>
    internal static StepReport Step(
        IPixelOptimizer optimizer, StyleObjective objective, Parameter pixels, bool clipEachStep, int iteration, int iterations, Stopwatch clock)
    {
        using var scope = NewDisposeScope();
        LossTerms? terms = null;
        optimizer.Step(() =>
        {
            terms = objective.Evaluate(pixels);
            terms.Total.backward();
        });

        if (clipEachStep)
        {
            using var noGrad = no_grad();
            pixels.clamp_(0f, 1f);
        }

        // One device-to-host copy for the four numbers progress shows.
        var losses = stack([terms!.Content, terms.Style, terms.TotalVariation, terms.Total]).cpu().data<float>().ToArray();
        return new StepReport(iteration, iterations, losses[0], losses[1], losses[2], losses[3], clock.Elapsed);
    }

    private static Tensor InitialPicture(StyleSettings settings, Tensor content, Tensor style, long height, long width)
    {
        using var scope = NewDisposeScope();
        var picture = settings.Init switch
        {
            InitKind.Content => content.clone(),
            InitKind.Style => ImageTensors.Resize(style, height, width),
            _ => WhiteNoise(settings.Seed, height, width).to(content.device),
        };
        return picture.detach().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Gaussian white noise around mid-grey, drawn on the CPU from the run's own generator so a seed means the same
    /// picture everywhere. The amplitude is small (std 0.02 on 0..1 pixels), as in the peers (jcjohnson/neural-style:
    /// 0.001 on 0..255): full-range noise sits so far from any natural picture that a few hundred iterations leave it
    /// visibly noisy, while small noise still breaks the symmetry and makes each seed's picture its own.
    /// </summary>
    private static Tensor WhiteNoise(long seed, long height, long width)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(unchecked((ulong)seed), CPU);
        return (randn([1, 3, height, width], generator: generator) * NoiseStd + 0.5f).clamp(0f, 1f).MoveToOuterDisposeScope();
    }

    private const float NoiseStd = 0.02f;

    private static void RequireKnownLayers(IBackbone backbone, IEnumerable<string> layers)
    {
        var unknown = layers.Where(l => !backbone.LayerNames.Contains(l)).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            throw new StyleTransferException(
                $"{backbone.Name} has no layer named {string.Join(", ", unknown.Select(l => $"'{l}'"))}. Its layers are: {string.Join(", ", backbone.LayerNames)}.");
        }
    }
}
