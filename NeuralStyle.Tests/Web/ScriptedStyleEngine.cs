using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Engine;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// A stand-in for the torch engine so web tests exercise queueing, progress and storage in milliseconds: losses fall
/// as 1/iteration, frames come every PreviewEvery iterations (fading from the scaled content picture at iteration 0 to
/// the result at the last), and the result is the content picture scaled to the
/// requested long side with its colours mixed half-way to the first style picture's mean colour.
/// </summary>
public sealed class ScriptedStyleEngine : IStyleEngine
{
    /// <summary>Wall time each iteration takes, so tests can catch a job while it runs.</summary>
    public TimeSpan IterationTime { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Runs wait here before their first iteration while it is reset.</summary>
    public ManualResetEventSlim Gate { get; } = new(initialState: true);

    public int SessionsOpened;

    /// <summary>The settings the latest run was given, as the worker handed them over.</summary>
    public StyleSettings? LastSettings { get; private set; }

    /// <summary>What <see cref="LargestSize"/> answers; null (no limit known) unless a test sets it.</summary>
    public int? MemoryLimitSize { get; set; }

    public string DeviceName => "scripted cpu";

    public int? LargestSize(StyleSettings settings, double aspect, int styleCount) => MemoryLimitSize;

    public IReadOnlyList<BackboneInfo> Backbones() =>
    [
        new("resnet18", "ResNet18", "Scripted stand-in.", true, null, 1e5),
        new("vgg19", "VGG19", "Scripted stand-in without weights.", false, "no VGG19 weights file is configured.", 1e3),
    ];

    public IReadOnlyDictionary<string, string> Recipe(StyleSettings settings) => StyleRecipe.For(settings, settings.Backbone, null).ToPngText();

    public IStyleSession OpenSession()
    {
        Interlocked.Increment(ref SessionsOpened);
        return new Session(this);
    }

    public static RgbImage Stylise(RgbImage content, RgbImage style, int longSide)
    {
        var scale = (double)longSide / Math.Max(content.Width, content.Height);
        var (width, height) = (Math.Max(1, (int)Math.Round(content.Width * scale)), Math.Max(1, (int)Math.Round(content.Height * scale)));
        var mean = Enumerable.Range(0, 3).Select(c => style.Pixels.Where((_, i) => i % 3 == c).Average(b => (double)b)).ToArray();
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var source = ((int)(y / scale) * content.Width + (int)(x / scale)) * 3;
                for (var c = 0; c < 3; c++)
                {
                    pixels[(y * width + x) * 3 + c] = (byte)Math.Round((content.Pixels[source + c] + mean[c]) / 2);
                }
            }
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>The picture <paramref name="fraction"/> of the way from <paramref name="from"/> to <paramref name="to"/> (same size).</summary>
    public static RgbImage Fade(RgbImage from, RgbImage to, double fraction) =>
        new(to.Width, to.Height, from.Pixels.Select((b, i) => (byte)Math.Round(b + (to.Pixels[i] - b) * fraction)).ToArray());

    private sealed class Session(ScriptedStyleEngine engine) : IStyleSession
    {
        public StyleResult Run(RgbImage content, IReadOnlyList<RgbImage> styles, StyleSettings settings, IStyleProgress progress, CancellationToken cancellationToken)
        {
            engine.Gate.Wait(cancellationToken);
            engine.LastSettings = settings;
            if (settings.ContentLayers?.Contains("nowhere") == true)
            {
                throw new StyleTransferException("The layer 'nowhere' does not exist in resnet18.");
            }

            var result = Stylise(content, styles[0], settings.Size);
            var start = ImageResizer.Resize(content, result.Width, result.Height);
            var steps = new List<StepReport>();
            var started = DateTime.UtcNow;
            for (var i = 1; i <= settings.Iterations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Thread.Sleep(engine.IterationTime);
                var step = new StepReport(i, settings.Iterations, 10.0 / i, 1000.0 / i, 0, settings.ContentWeight * 10.0 / i + settings.StyleWeight * 1000.0 / i, DateTime.UtcNow - started);
                steps.Add(step);
                progress.Report(step);
                if ((settings.PreviewEvery > 0 && i % settings.PreviewEvery == 0) || i == settings.Iterations)
                {
                    progress.Preview(new PreviewFrame(i, i == settings.Iterations ? result : Fade(start, result, (double)i / settings.Iterations)));
                }
            }

            return new StyleResult(result, steps, DateTime.UtcNow - started, engine.DeviceName);
        }

        public void Dispose()
        {
        }
    }
}
