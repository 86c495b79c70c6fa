// Issue 5's benchmark: one optimisation step of ours against the floor, the network's own forward and backward pass.
using System.Diagnostics;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Runtime;
using NeuralStyle.Engine.Transfer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Benchmarks;

/// <summary>What one backbone at one size costs.</summary>
/// <param name="Backbone">The backbone's name.</param>
/// <param name="Size">The long side asked for, in pixels.</param>
/// <param name="Width">The optimised picture's width.</param>
/// <param name="Height">The optimised picture's height.</param>
/// <param name="Device">Where it ran, for example "CPU (2 threads)".</param>
/// <param name="Warmup">Repetitions run and thrown away before measuring, for each of the floor and the step.</param>
/// <param name="Floor">(a) Forward to the deepest used layer on a picture that needs gradients, sum of the used activations, backward.</param>
/// <param name="Step">(b) One whole iteration of ours: objective, backward, optimiser update, loss readout, progress callback.</param>
/// <param name="Ratio">(b)/(a): the median over the repetitions of each step's time over the floor pass's just before it.</param>
/// <param name="EvaluationsPerStep">Evaluations of loss and gradient per measured step (ours: exactly 1).</param>
/// <param name="LbfgsHistory">Curvature pairs L-BFGS held at the last measured step (0 for Adam).</param>
/// <param name="FirstPreviewMs">From calling <see cref="StyleTransfer.Run"/> to its first preview frame (targets, one step, one frame).</param>
/// <param name="PeakMemoryBytes">The process's peak resident memory while this size was measured.</param>
/// <param name="PeakMemoryMethod">How the peak was read (see <see cref="PeakMemory"/>).</param>
public sealed record StepBenchmarkResult(
    string Backbone,
    int Size,
    int Width,
    int Height,
    string Device,
    int Warmup,
    Timing Floor,
    Timing Step,
    double Ratio,
    double EvaluationsPerStep,
    int LbfgsHistory,
    double FirstPreviewMs,
    long PeakMemoryBytes,
    string PeakMemoryMethod);

/// <summary>
/// Measures the cost of our optimisation step against the network's own forward and backward pass, in the same
/// process, on the same input and with the same thread settings, as issue 5 asks: the ratio says how much our losses,
/// optimiser and bookkeeping add to what the hardware must do anyway.
/// </summary>
public static class StepBenchmark
{
    /// <summary>
    /// Measures <paramref name="backbone"/> at <paramref name="settings"/>' size, on <paramref name="content"/> styled
    /// by <paramref name="style"/>. Both the floor and the step start from the content photo and use the layers the
    /// settings' run would use; each is repeated <paramref name="warmup"/> times unmeasured, then
    /// <paramref name="repeats"/> times measured. Runs synchronously on the calling thread.
    /// </summary>
    public static StepBenchmarkResult Measure(
        IBackbone backbone, RgbImage content, RgbImage style, StyleSettings settings, int repeats, int warmup = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        using var memory = new PeakMemory();
        var (contentLayers, styleLayers) = StyleTransfer.Layers(backbone, settings);
        var layers = contentLayers.Union(styleLayers.Select(l => l.Layer)).ToArray();

        using var runScope = NewDisposeScope();
        var photo = ImageTensors.FitLongSide(ImageTensors.ToTensor(content, backbone.Device), settings.Size);
        var painting = ImageTensors.FitLongSide(ImageTensors.ToTensor(style, backbone.Device), settings.Size);
        using var targets = StyleTargets.Compute(backbone, photo, [painting], [1.0], contentLayers, styleLayers.Select(l => l.Layer).ToArray());
        var objective = new StyleObjective(
            backbone, targets, contentLayers, styleLayers, settings.ContentWeight, settings.StyleWeight, settings.TvWeight);

        var (floor, step, evaluations, history) = Interleaved(backbone, objective, photo, layers, settings, repeats, warmup);
        var firstPreview = FirstPreview(backbone, content, style, settings);
        return new StepBenchmarkResult(
            backbone.Name,
            settings.Size,
            (int)photo.shape[3],
            (int)photo.shape[2],
            TorchRuntime.Describe(backbone.Device),
            warmup,
            floor,
            step,
            PairedRatio(floor, step),
            evaluations,
            history,
            firstPreview,
            memory.PeakBytes,
            memory.Method);
    }

    /// <summary>
    /// Alternates one floor pass and one step, so that a shared machine's swings in load fall on both alike and the
    /// ratio stays meaningful where the absolute times do not.
    /// </summary>
    private static (Timing Floor, Timing Step, double EvaluationsPerStep, int History) Interleaved(
        IBackbone backbone, StyleObjective objective, Tensor photo, string[] layers, StyleSettings settings, int repeats, int warmup)
    {
        using var picture = photo.clone().requires_grad_(true);
        using var pixels = new Parameter(photo.clone(), requires_grad: true);
        using var inner = IPixelOptimizer.Create(settings, pixels);
        using var optimizer = new CountingOptimizer(inner);
        var progress = new LastReport();
        var runClock = Stopwatch.StartNew();
        var (floors, steps) = (new List<double>(repeats), new List<double>(repeats));
        var measuredEvaluations = 0;
        for (var i = 0; i < warmup + repeats; i++)
        {
            var floor = FloorPass(backbone, picture, layers);

            var before = optimizer.Evaluations;
            var clock = Stopwatch.StartNew();
            var report = StyleTransfer.Step(
                optimizer, objective, pixels, settings.Optimizer != OptimizerKind.Lbfgs, i + 1, warmup + repeats, runClock);
            progress.Report(report);
            var step = clock.Elapsed.TotalMilliseconds;

            if (i >= warmup)
            {
                floors.Add(floor);
                steps.Add(step);
                measuredEvaluations += optimizer.Evaluations - before;
            }
        }

        return (Timing.Of(floors), Timing.Of(steps), (double)measuredEvaluations / repeats, inner is Lbfgs lbfgs ? lbfgs.HistoryCount : 0);
    }

    /// <summary>
    /// The median of each step's time over that of the floor pass just before it. A shared machine's speed drifts over
    /// seconds, and a pair measured back to back shares the drift: over four runs of the same code the ratio of the two
    /// medians ranged from 1.06 to 1.19, the median of the paired ratios from 1.10 to 1.13.
    /// </summary>
    private static double PairedRatio(Timing floor, Timing step) =>
        Timing.Median(floor.Samples.Zip(step.Samples, (a, b) => b / a).ToArray());

    /// <summary>The floor, in milliseconds: forward to the deepest used layer, the used activations summed, backward.</summary>
    private static double FloorPass(IBackbone backbone, Tensor picture, string[] layers)
    {
        var clock = Stopwatch.StartNew();
        using (NewDisposeScope())
        {
            picture.grad?.zero_();
            var features = backbone.Extract(picture, layers);
            features.Values.Select(f => f.sum()).Aggregate((a, b) => a + b).backward();
            Synchronize(picture.device);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static double FirstPreview(IBackbone backbone, RgbImage content, RgbImage style, StyleSettings settings)
    {
        using var cancel = new CancellationTokenSource();
        var progress = new FirstFrame(cancel);
        try
        {
            StyleTransfer.Run(backbone, content, [style], settings with { Iterations = 2, PreviewEvery = 1 }, progress, cancel.Token);
        }
        catch (OperationCanceledException) when (progress.At is not null)
        {
        }

        return progress.At?.TotalMilliseconds ?? throw new InvalidOperationException("The run finished without a preview frame.");
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize(device);
        }
    }

    /// <summary>Counts evaluations of loss and gradient, which is what an L-BFGS iteration's cost is made of.</summary>
    private sealed class CountingOptimizer(IPixelOptimizer inner) : IPixelOptimizer
    {
        public int Evaluations { get; private set; }

        public IReadOnlyList<bool> LastAccepted => inner.LastAccepted;

        public void Step(Func<Tensor> evaluate) => inner.Step(() =>
        {
            Evaluations++;
            return evaluate();
        });

        public Tensor AcceptedPixels() => inner.AcceptedPixels();

        /// <summary>The wrapped optimiser belongs to the caller, who disposes it.</summary>
        public void Dispose()
        {
        }
    }

    /// <summary>Keeps the latest report, as the web app's notifier does: the callback's cost without a console's.</summary>
    private sealed class LastReport : IStyleProgress
    {
        public StepReport? Latest { get; private set; }

        public void Report(StepReport step) => Latest = step;

        public void Preview(PreviewFrame frame)
        {
        }
    }

    private sealed class FirstFrame(CancellationTokenSource cancel) : IStyleProgress
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();

        public TimeSpan? At { get; private set; }

        public void Report(StepReport step)
        {
        }

        public void Preview(PreviewFrame frame)
        {
            At ??= clock.Elapsed;
            cancel.Cancel();
        }
    }
}
