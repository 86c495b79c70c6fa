// Several runs of the optimisation of Gatys, Ecker and Bethge (CVPR 2016) at once: the pictures go through the network
// as one batch, each with its own weights, layers and L-BFGS state.
using System.Diagnostics;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>
/// Runs sketches that differ only in what the objective weighs (content and style weights and layers) as one batch:
/// one forward and one backward pass per step for all of them. Each picture's loss depends on its own activations
/// only (the backbones have no batch statistics at inference), so each gets the gradient and, with its own L-BFGS
/// state, the pictures it would get alone.
/// </summary>
internal static class SketchBatch
{
    /// <summary>Sketches with the same key can share a batch: everything but the objective's weights and layers.</summary>
    public static StyleSettings Key(StyleSettings settings) =>
        settings with { ContentWeight = 0, StyleWeight = 0, ContentLayers = null, StyleLayers = null };

    /// <summary>
    /// Runs <paramref name="group"/> (sketches with one <see cref="Key"/>, each a single stage) together. Progress gets one
    /// report per step for the whole batch: its iteration counts the sketches' iterations, starting after
    /// <paramref name="before"/> of <paramref name="total"/>, and its losses are the batch's sums (what the step
    /// minimises); a preview frame shows the pictures side by side. Times are read from <paramref name="clock"/>.
    /// </summary>
    public static IReadOnlyList<StyleResult> Run(
        IBackbone backbone,
        RgbImage contentImage,
        IReadOnlyList<RgbImage> styleImages,
        IReadOnlyList<Sketch> group,
        int before,
        int total,
        Stopwatch clock,
        IStyleProgress progress,
        CancellationToken cancellationToken)
    {
        var settings = group[0].Settings;
        var device = backbone.Device;
        using var scope = NewDisposeScope();
        var colour = StyleTransfer.StagePictures(
            settings, ImageTensors.ToTensor(contentImage, device), styleImages.Select(s => ImageTensors.ToTensor(s, device)).ToArray(), settings.Size);
        var (height, width) = (colour.Content.shape[2], colour.Content.shape[3]);

        var layers = group.Select(s => StyleTransfer.Layers(backbone, s.Settings)).ToArray();
        using var targets = StyleTargets.Compute(
            backbone,
            colour.Content,
            colour.Styles,
            StyleTransfer.Blend(settings, styleImages.Count),
            layers.SelectMany(l => l.Content).Distinct().ToArray(),
            layers.SelectMany(l => l.Style.Select(w => w.Layer)).Distinct().ToArray());
        var objectives = group.Select((s, i) => new StyleObjective(
            backbone, targets, layers[i].Content, layers[i].Style, s.Settings.ContentWeight, s.Settings.StyleWeight, s.Settings.TvWeight)).ToArray();
        var used = objectives.SelectMany(o => o.Layers).Distinct().ToArray();

        var start = StyleTransfer.InitialPicture(settings, colour.Content, colour.Styles, StyleTransfer.Blend(settings, styleImages.Count), height, width);
        var pixels = new Parameter(start.repeat(group.Count, 1, 1, 1), requires_grad: true);
        using var optimizer = IPixelOptimizer.Create(settings, pixels);
        var steps = group.Select(_ => new List<StepReport>(settings.Iterations)).ToArray();
        var nonFinite = new int[group.Count];
        for (var i = 0; i < settings.Iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var losses = Step(backbone, objectives, used, optimizer, pixels, settings.Optimizer != OptimizerKind.Lbfgs);
            var accepted = optimizer.LastAccepted;
            for (var b = 0; b < group.Count; b++)
            {
                nonFinite[b] = double.IsFinite(losses[(4 * b) + 3]) ? 0 : nonFinite[b] + 1;
                // As in a run of its own, a sketch whose point was rejected keeps the losses of the point it stands on.
                var step = accepted[b] || steps[b].Count == 0
                    ? new StepReport(i + 1, settings.Iterations, losses[4 * b], losses[(4 * b) + 1], losses[(4 * b) + 2], losses[(4 * b) + 3], clock.Elapsed)
                    : steps[b][^1] with { Iteration = i + 1, Elapsed = clock.Elapsed };
                if (!double.IsFinite(step.TotalLoss) || nonFinite[b] >= StyleTransfer.NonFiniteTrialsBeforeGivingUp)
                {
                    throw new StyleTransferException(
                        $"'{group[b].Title}' diverged at iteration {i + 1} (the loss became {losses[(4 * b) + 3]}). Try a smaller style weight or learning rate.");
                }

                steps[b].Add(step);
            }

            var done = before + ((i + 1) * group.Count);
            progress.Report(new StepReport(
                done, total, Sum(steps, s => s.ContentLoss), Sum(steps, s => s.StyleLoss), Sum(steps, s => s.TvLoss), Sum(steps, s => s.TotalLoss), clock.Elapsed));
            if (settings.PreviewEvery > 0 && (i + 1) % settings.PreviewEvery == 0 && i + 1 < settings.Iterations)
            {
                progress.Preview(new PreviewFrame(done, SketchRun.ContactSheet(Pictures(colour, optimizer))));
            }
        }

        var where = TorchRuntime.Describe(device);
        return Pictures(colour, optimizer).Select((picture, b) => new StyleResult(picture, steps[b], clock.Elapsed, where)).ToArray();
    }

    /// <summary>One step for the whole batch in its own dispose scope; returns content, style, TV and total per picture.</summary>
    private static float[] Step(
        IBackbone backbone, StyleObjective[] objectives, string[] layers, IPixelOptimizer optimizer, Parameter pixels, bool clipEachStep)
    {
        using var scope = NewDisposeScope();
        var terms = new LossTerms[objectives.Length];
        optimizer.Step(() =>
        {
            // Split once per layer, not narrowed per picture: the backward of a split is one concatenation, while each
            // narrow's backward would write a zero-filled copy of the whole batch's activations.
            var features = backbone.Extract(pixels, layers).ToDictionary(f => f.Key, f => f.Value.split(1, 0));
            var pictures = pixels.split(1, 0);
            for (var b = 0; b < objectives.Length; b++)
            {
                terms[b] = objectives[b].Measure(pictures[b], features.ToDictionary(f => f.Key, f => f.Value[b]));
            }

            var totals = stack(terms.Select(t => t.Total).ToArray());
            totals.sum().backward();
            return totals;
        });

        if (clipEachStep)
        {
            using var noGrad = no_grad();
            pixels.clamp_(0f, 1f);
        }

        // One device-to-host copy for every picture's four numbers.
        return stack(terms.SelectMany(t => new[] { t.Content, t.Style, t.TotalVariation, t.Total }).ToArray()).cpu().data<float>().ToArray();
    }

    private static double Sum(List<StepReport>[] steps, Func<StepReport, double> term) => steps.Sum(s => term(s[^1]));

    /// <summary>The pictures the sketches stand on: for each, the last point its optimiser kept.</summary>
    private static RgbImage[] Pictures(ColourPlan colour, IPixelOptimizer optimizer)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var pixels = optimizer.AcceptedPixels();
        return Enumerable.Range(0, (int)pixels.shape[0]).Select(b => ImageTensors.ToImage(colour.Present(pixels.narrow(0, b, 1)))).ToArray();
    }
}
