using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Models;
using NeuralStyle.Engine.Runtime;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Jobs;
using TorchSharp;
using DeviceType = TorchSharp.DeviceType;

namespace NeuralStyle.Web.Engine;

/// <summary>The real engine: TorchSharp on the configured device. All calls into NeuralStyle.Engine's transfer API live here.</summary>
public sealed class TorchStyleEngine : IStyleEngine
{
    private readonly EngineOptions options;
    private readonly string calibration;
    private readonly ModelLibrary models;
    private readonly Lazy<torch.Device> device;
    private readonly ConcurrentDictionary<string, Lazy<MemoryProfile>> profiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly int concurrentRuns;
    private long reservedByRuns;

    public TorchStyleEngine(IOptions<EngineOptions> options, IOptions<JobOptions> jobs, IWebHostEnvironment environment, ModelLibrary models)
    {
        this.options = options.Value;
        concurrentRuns = Math.Max(1, jobs.Value.Concurrency);
        this.models = models;
        // Weights without stored feature scales get them computed once from the bundled sample pictures.
        calibration = this.options.CalibrationFolder ?? Path.Combine(environment.WebRootPath, "samples");
        device = new Lazy<torch.Device>(() => TorchRuntime.SelectDevice(this.options.Device));
    }

    /// <summary>
    /// The device as runs use it: a GPU as libtorch names it, the CPU with the threads every run is given. Libtorch's
    /// own count depends on the thread that asks (the worker sets it on its own thread), so it is not asked here.
    /// </summary>
    public string DeviceName
    {
        get
        {
            try
            {
                return device.Value.type == DeviceType.CUDA ? TorchRuntime.Describe(device.Value) : $"CPU ({TorchRuntime.Threads(Threads)})";
            }
            catch (InvalidOperationException e)
            {
                return $"unavailable: {e.Message}";
            }
        }
    }

    private int Threads => options.Threads > 0 ? options.Threads : EngineOptions.DefaultThreads;

    public IReadOnlyList<BackboneInfo> Backbones() => Catalog.List();

    /// <summary>
    /// Looked up on every use, so weights downloaded while the server runs are offered at once: the configured file,
    /// else the first catalogue model installed in the models folder (the recommended one first).
    /// </summary>
    private BackboneCatalog Catalog => new(new BackboneCatalogOptions(Vgg19WeightsPath(), calibration));

    private string? Vgg19WeightsPath() =>
        options.Vgg19WeightsPath ?? models.FirstInstalled();

    public IReadOnlyDictionary<string, string> Recipe(StyleSettings settings) =>
        StyleRecipe.For(settings, settings.Backbone, WeightsPath(settings.Backbone)).ToPngText();

    public IStyleSession OpenSession() => new Session(this);

    public int? LargestSize(StyleSettings settings, double aspect, int styleCount)
    {
        if (Profile(settings.Backbone) is not { } profile || AvailableBytes() is not { } available)
        {
            return null;
        }

        return MemoryEstimate.LargestSize(profile, settings, aspect, styleCount, available, StyleSettingsValidation.MaxSize);
    }

    // Running jobs' memory comes back before the next jobs start, so the free memory read now counts it as free; with
    // several jobs at once each may have its share of it.
    private long? AvailableBytes() =>
        options.AvailableMemoryBytes ?? (MemoryEstimate.AvailableBytes(device.Value) is { } free ? (free + Interlocked.Read(ref reservedByRuns)) / concurrentRuns : null);

    /// <summary>
    /// Measured once per backbone, on the CPU (a float's size does not depend on the device), then kept; null while its
    /// weights are missing or do not load (the run itself then fails with the reason).
    /// </summary>
    private MemoryProfile? Profile(string backbone)
    {
        if (!profiles.ContainsKey(backbone) && !Catalog.List().Any(b => string.Equals(b.Name, backbone, StringComparison.OrdinalIgnoreCase) && b.Ready))
        {
            return null;
        }

        try
        {
            return profiles.GetOrAdd(backbone, name => new Lazy<MemoryProfile>(
                () =>
                {
                    using var loaded = Catalog.Load(name, PoolingKind.Average, torch.CPU, normalized: false);
                    return MemoryEstimate.Measure(loaded);
                },
                LazyThreadSafetyMode.PublicationOnly)).Value;
        }
        catch (Exception e) when (e is WeightsException or ArgumentException or IOException or InvalidDataException)
        {
            profiles.TryRemove(backbone, out _);
            return null;
        }
    }

    private string? WeightsPath(string backbone) => backbone == BackboneCatalog.DefaultBackbone ? BackboneCatalog.EmbeddedResNet18Path : Vgg19WeightsPath();

    private sealed class Session(TorchStyleEngine engine) : IStyleSession
    {
        // Loading a backbone takes a moment (ResNet18 parses a 64 MB ONNX file): keep what this worker loaded.
        private readonly Dictionary<(string Name, PoolingKind Pooling), IBackbone> loaded = [];
        private bool threadsSet;

        public StyleResult Run(RgbImage content, IReadOnlyList<RgbImage> styles, StyleSettings settings, IStyleProgress progress, CancellationToken cancellationToken) =>
            Reserving(content, styles, [settings], backbone => StyleTransfer.Run(backbone, content, styles, settings, progress, cancellationToken));

        public IReadOnlyList<StyleResult> RunSketches(
            RgbImage content, IReadOnlyList<RgbImage> styles, IReadOnlyList<Sketch> sketches, IStyleProgress progress, Action<Sketch, StyleResult> finished, CancellationToken cancellationToken) =>
            // A batch holds every sketch's pictures and activations at once, so it reserves them all.
            Reserving(content, styles, sketches.Select(s => s.Settings).ToArray(), backbone => SketchRun.Run(backbone, content, styles, sketches, progress, finished, cancellationToken));

        /// <summary>Runs on the settings' backbone with the runs' estimated memory counted as in use meanwhile.</summary>
        private T Reserving<T>(RgbImage content, IReadOnlyList<RgbImage> styles, IReadOnlyList<StyleSettings> runs, Func<IBackbone, T> run)
        {
            if (!threadsSet)
            {
                TorchRuntime.SetThreads(engine.Threads);
                threadsSet = true;
            }

            var backbone = Backbone(runs[0]);
            var reserved = engine.Profile(runs[0].Backbone) is { } profile
                ? runs.Sum(settings => MemoryEstimate.RunBytes(profile, settings, (double)content.Width / content.Height, styles.Count))
                : 0;
            Interlocked.Add(ref engine.reservedByRuns, reserved);
            try
            {
                return run(backbone);
            }
            finally
            {
                Interlocked.Add(ref engine.reservedByRuns, -reserved);
            }
        }

        private IBackbone Backbone(StyleSettings settings)
        {
            var key = (settings.Backbone, settings.Pooling);
            if (loaded.TryGetValue(key, out var backbone))
            {
                return backbone;
            }

            try
            {
                backbone = engine.Catalog.Load(settings.Backbone, settings.Pooling, engine.device.Value, antiAliasing: settings.AntiAliasing);
            }
            catch (Exception e) when (e is not (OperationCanceledException or StyleTransferException))
            {
                // Missing weights, a CUDA device that is not there: the job fails with the reason, the worker goes on.
                throw new StyleTransferException($"The network '{settings.Backbone}' could not be prepared: {e.Message}", e);
            }

            loaded[key] = backbone;
            return backbone;
        }

        public void Dispose()
        {
            foreach (var backbone in loaded.Values)
            {
                backbone.Dispose();
            }

            loaded.Clear();
        }
    }
}
