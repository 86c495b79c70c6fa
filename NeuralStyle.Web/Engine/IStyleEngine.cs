using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Web.Engine;

/// <summary>What the web needs from the style-transfer engine; tests can put a scripted engine behind it.</summary>
public interface IStyleEngine
{
    /// <summary>The device runs use, described for people (for example "CPU (1 thread)" or "CUDA GPU 0").</summary>
    string DeviceName { get; }

    IReadOnlyList<BackboneInfo> Backbones();

    /// <summary>The run's recipe as PNG text chunks, so a result file says how it was made (the CLI writes the same).</summary>
    IReadOnlyDictionary<string, string> Recipe(StyleSettings settings);

    /// <summary>
    /// The largest output size (long side, pixels) this server's memory holds for <paramref name="settings"/> with a
    /// content picture of <paramref name="aspect"/> (width over height) and <paramref name="styleCount"/> style
    /// pictures; 0 when nothing fits now, null where it cannot be told (the network is not ready, or the device's free
    /// memory is unknown and none is configured).
    /// </summary>
    int? LargestSize(StyleSettings settings, double aspect, int styleCount);

    /// <summary>A session for one worker thread: it keeps loaded backbones between jobs.</summary>
    IStyleSession OpenSession();
}

/// <summary>Runs jobs one after another on the thread that calls it.</summary>
public interface IStyleSession : IDisposable
{
    /// <summary>Synchronous; throws <see cref="OperationCanceledException"/> on cancel and <see cref="StyleTransferException"/> on failure.</summary>
    StyleResult Run(RgbImage content, IReadOnlyList<RgbImage> styles, StyleSettings settings, IStyleProgress progress, CancellationToken cancellationToken);

    /// <summary>
    /// Runs sketches as <see cref="SketchRun.Run"/> does (batched where they allow it), calling <paramref name="finished"/>
    /// for each as it ends. Progress counts the sketches' iterations from 1 to their sum. Without an engine of its own,
    /// one sketch after another through <see cref="Run"/>.
    /// </summary>
    IReadOnlyList<StyleResult> RunSketches(
        RgbImage content, IReadOnlyList<RgbImage> styles, IReadOnlyList<Sketch> sketches, IStyleProgress progress, Action<Sketch, StyleResult> finished, CancellationToken cancellationToken)
    {
        var (done, total, clock) = (0, sketches.Sum(s => s.Settings.Iterations), System.Diagnostics.Stopwatch.StartNew());
        var results = new List<StyleResult>(sketches.Count);
        foreach (var sketch in sketches)
        {
            var result = Run(content, styles, sketch.Settings, new SketchProgress(progress, done, total, clock.Elapsed), cancellationToken);
            results.Add(result);
            finished(sketch, result);
            done += sketch.Settings.Iterations;
        }

        return results;
    }
}
