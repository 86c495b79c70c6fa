// The optimisation of Gatys, Ecker and Bethge (CVPR 2016), section 2.3: gradient descent on the pixels of a picture
// that starts from white noise, with L-BFGS; the network's weights never change.
using System.Diagnostics;
using System.Runtime.InteropServices;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Colour;
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
        return WithinMemory(backbone, settings.Size, () => Optimise(backbone, content, styles, settings, contentLayers, styleLayers, progress, clock, cancellationToken));
    }

    /// <summary>Runs <paramref name="run"/>, turning libtorch's out-of-memory error into a sentence with a size to try.</summary>
    internal static T WithinMemory<T>(IBackbone backbone, int size, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (ExternalException ex) when (ex.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new StyleTransferException(
                $"Out of {(backbone.Device.type == TorchSharp.DeviceType.CUDA ? "GPU" : "main")} memory at {size} px: try {Math.Max(16, size / 2)} px.", ex);
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
        var photo = ImageTensors.ToTensor(contentImage, device);
        var paintings = styleImages.Select(s => ImageTensors.ToTensor(s, device)).ToArray();
        var blend = Blend(settings, paintings.Length);
        var stages = StageSizes(settings);
        var iterations = stages.Select((_, i) => i == stages.Count - 1 ? settings.Iterations : settings.StageIterations ?? settings.Iterations).ToArray();
        var run = new RunCounter(iterations.Sum(), Stopwatch.StartNew());
        var fullSize = ImageTensors.FittedSize(photo.shape[2], photo.shape[3], settings.Size);
        var coarsest = ImageTensors.FittedSize(photo.shape[2], photo.shape[3], stages[0]);

        Tensor? change = null;
        Tensor? shown = null;
        for (var stage = 0; stage < stages.Count; stage++)
        {
            using var stageScope = NewDisposeScope();
            var colour = StagePictures(settings, photo, paintings, stages[stage]);
            var (height, width) = (colour.Content.shape[2], colour.Content.shape[3]);

            using var targets = StyleTargets.Compute(backbone, colour.Content, colour.Styles, blend, contentLayers, styleLayers.Select(l => l.Layer).ToArray());
            var objective = new StyleObjective(
                backbone, targets, contentLayers, styleLayers, StageContentWeight(settings, fullSize, height, width), settings.StyleWeight, settings.TvWeight);
            var initial = InitialPicture(settings, colour.Content, colour.Styles, blend, height, width, coarsest);
            var start = change is null ? initial : StageStart(change, initial);
            // A copy: the optimiser moves the parameter in place, and the first stage's start is its initial picture,
            // which the change below is measured from.
            var pixels = new Parameter(start.clone(), requires_grad: true);
            var ended = OptimiseStage(pixels, objective, colour, settings, iterations[stage], run, progress, cancellationToken);

            change = (ended - initial).MoveToOuterDisposeScope();
            shown = colour.Present(ended).MoveToOuterDisposeScope();
        }

        var result = ImageTensors.ToImage(shown!);
        progress.Preview(new PreviewFrame(run.Total, result));
        return new StyleResult(result, run.Steps, clock.Elapsed, TorchRuntime.Describe(device));
    }

    /// <summary>Optimises one stage's <paramref name="pixels"/> in place and returns the picture it ends on (the last one the optimiser kept).</summary>
    private static Tensor OptimiseStage(
        Parameter pixels,
        StyleObjective objective,
        ColourPlan colour,
        StyleSettings settings,
        int iterations,
        RunCounter run,
        IStyleProgress progress,
        CancellationToken cancellationToken)
    {
        using var optimizer = IPixelOptimizer.Create(settings, pixels);
        // Adam's steps are clipped to 0..1 each iteration. L-BFGS's are not: clipping breaks its curvature pairs and
        // made it oscillate in our tests; like the authors' code and jcjohnson/neural-style it runs unconstrained and
        // the picture is clipped to 0..1 when it is shown or saved.
        var clipEachStep = settings.Optimizer != OptimizerKind.Lbfgs;
        StepReport? kept = null;
        var nonFinite = 0;
        for (var i = 0; i < iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var iteration = run.Steps.Count + 1;
            var step = Step(optimizer, objective, pixels, clipEachStep, iteration, run.Total, run.Clock);
            nonFinite = double.IsFinite(step.TotalLoss) ? 0 : nonFinite + 1;
            // A point the optimiser rejected is not where the run stands: the picture and its losses stay those of the
            // last point it kept, so the chart shows the picture's progress, not the trials it threw away.
            kept = optimizer.LastAccepted[0] || kept is null ? step : kept with { Iteration = iteration, Elapsed = step.Elapsed };
            if (!double.IsFinite(kept.TotalLoss) || nonFinite >= NonFiniteTrialsBeforeGivingUp)
            {
                throw new StyleTransferException(
                    $"The optimisation diverged at iteration {iteration} (the loss became {step.TotalLoss}). Try a smaller style weight or learning rate.");
            }

            run.Steps.Add(kept);
            progress.Report(kept);
            if (settings.PreviewEvery > 0 && iteration % settings.PreviewEvery == 0 && iteration < run.Total)
            {
                using var previewScope = NewDisposeScope();
                progress.Preview(new PreviewFrame(iteration, ImageTensors.ToImage(colour.Present(optimizer.AcceptedPixels()))));
            }
        }

        return optimizer.AcceptedPixels().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Trials in a row without a finite loss after which a run gives up: an overshoot is undone within a few ever
    /// shorter trials and a restart from a short gradient step (<see cref="LbfgsState.RejectionsBeforeRestart"/>), so a
    /// loss that stays NaN or infinite after those comes from the network or the pictures, not from the step.
    /// </summary>
    internal const int NonFiniteTrialsBeforeGivingUp = LbfgsState.RejectionsBeforeRestart + 2;

    /// <summary>
    /// The output sizes of the coarse-to-fine stages, coarsest first (each starting from the last, see <see cref="StageStart"/>): above the threshold the size is halved while the
    /// half is still at least 512 px (for example 2048 becomes 512, 1024, 2048).
    /// </summary>
    internal static IReadOnlyList<int> StageSizes(StyleSettings settings)
    {
        const int coarsest = 512;
        var sizes = new List<int> { settings.Size };
        if (settings.CoarseToFineAbove > 0 && settings.Size > settings.CoarseToFineAbove)
        {
            while (sizes[0] / 2 >= coarsest)
            {
                sizes.Insert(0, sizes[0] / 2);
            }
        }

        return sizes;
    }

    /// <summary>
    /// The content weight a stage of <paramref name="height"/> x <paramref name="width"/> pixels optimises with, so that
    /// each stage weighs content against style as the full-size output does. The content loss (equation 1) is a sum over
    /// positions and grows with the picture's area, while the style loss (equation 4) is normalised by it; at half size
    /// the paper's alpha alone would weigh content a quarter as much and paint a picture more stylised than the one
    /// asked for, which the full-size stage then has to undo. Scaled by the area ratio, a stage's loss also reads on the
    /// full-size scale.
    /// </summary>
    internal static double StageContentWeight(StyleSettings settings, (long Height, long Width) fullSize, long height, long width) =>
        settings.ContentWeight * (fullSize.Height * fullSize.Width) / (double)(height * width);

    /// <summary>
    /// The photo at <paramref name="size"/> and the style pictures at their side for it (<see cref="StyleSide"/>), as
    /// the settings' colour mode has the network see them; tensors in the caller's scope.
    /// </summary>
    internal static ColourPlan StagePictures(StyleSettings settings, Tensor photo, IReadOnlyList<Tensor> paintings, int size)
    {
        var styleSide = StyleSide(settings, size);
        return ColourPlan.Prepare(settings.Colour, ImageTensors.FitLongSide(photo, size), paintings.Select(p => ImageTensors.FitLongSide(p, styleSide)).ToArray());
    }

    /// <summary>The style pictures' long side for an output of <paramref name="size"/>: the style scale times it, within the accepted sizes.</summary>
    internal static int StyleSide(StyleSettings settings, int size) =>
        (int)Math.Clamp(Math.Round(size * settings.StyleScale), 16, StyleSettingsValidation.MaxSize);

    /// <summary>
    /// Where a finer stage starts: its own starting picture plus the <paramref name="change"/> the coarser stages made to
    /// theirs, upsampled. The fine stage keeps all the detail of its start (a straight run from the photo has it
    /// from its first step), and a coarse stage that changed nothing hands on exactly the straight run's start. The
    /// coarse pictures themselves are not compared with the fine start: the photo resampled to two sizes differs by a
    /// fraction of a grey level, which the content layer read as a loss over a hundred times what the optimisation leaves.
    /// </summary>
    /// <param name="change">The coarser stage's result minus its own starting picture (the one <see cref="InitialPicture"/> made for its size), 1 x 3 x h x w, signed.</param>
    /// <param name="initial">The finer stage's own start, 1 x 3 x H x W in 0..1.</param>
    internal static Tensor StageStart(Tensor change, Tensor initial)
    {
        using var scope = NewDisposeScope();
        var upsampled = nn.functional.interpolate(change, [initial.shape[2], initial.shape[3]], mode: InterpolationMode.Bicubic, align_corners: false);
        return (initial + upsampled).clamp(0f, 1f).MoveToOuterDisposeScope();
    }

    internal static double[] Blend(StyleSettings settings, int styles)
    {
        if (settings.StyleBlend is not { } weights)
        {
            return Enumerable.Repeat(1.0 / styles, styles).ToArray();
        }

        if (weights.Count != styles)
        {
            throw new StyleTransferException($"Give one blend weight per style picture: {styles} picture(s), {weights.Count} weight(s).");
        }

        return weights.Select(w => w / weights.Sum()).ToArray();
    }

    private sealed record RunCounter(int Total, Stopwatch Clock)
    {
        public List<StepReport> Steps { get; } = new(Total);
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

    /// <summary>One iteration in its own dispose scope: for L-BFGS exactly one evaluation of loss and gradient; the losses are those of the point evaluated.</summary>
    internal static StepReport Step(
        IPixelOptimizer optimizer, StyleObjective objective, Parameter pixels, bool clipEachStep, int iteration, int iterations, Stopwatch clock)
    {
        using var scope = NewDisposeScope();
        LossTerms? terms = null;
        optimizer.Step(() =>
        {
            terms = objective.Evaluate(pixels);
            terms.Total.backward();
            return terms.Total.reshape(1);
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

    /// <summary>
    /// The starting picture of a run, or of a coarse-to-fine stage of <paramref name="height"/> x <paramref name="width"/>:
    /// the stage's photo (as it is, or in the style pictures' colours, blended by <paramref name="blend"/>), the first
    /// style picture, or white noise drawn once at the coarsest stage's size (<paramref name="noiseSize"/>, by default
    /// this one) and enlarged to this stage. A finer stage adds the coarser stages' change to its start (see
    /// <see cref="StageStart"/>): the photo's own fine detail belongs there, while fresh fine noise would bury the coarse
    /// result's shapes under a content loss as high as the noise's at the first stage.
    /// </summary>
    internal static Tensor InitialPicture(
        StyleSettings settings, Tensor content, IReadOnlyList<Tensor> styles, IReadOnlyList<double> blend, long height, long width, (long Height, long Width)? noiseSize = null)
    {
        using var scope = NewDisposeScope();
        var (noiseHeight, noiseWidth) = noiseSize ?? (height, width);
        var picture = settings.Init switch
        {
            InitKind.Content => content.clone(),
            InitKind.ContentInStyleColours => ColourPreservation.MatchColours(content, styles, blend),
            InitKind.Style => ImageTensors.Resize(styles[0], height, width),
            _ => ImageTensors.Resize(WhiteNoise(settings.Seed, noiseHeight, noiseWidth), height, width).to(content.device),
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
