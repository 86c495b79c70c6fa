using Microsoft.Extensions.Options;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Runtime;
using NeuralStyle.Engine.Transfer;
using TorchSharp;

namespace NeuralStyle.Web.Engine;

/// <summary>The real engine: TorchSharp on the configured device. All calls into NeuralStyle.Engine's transfer API live here.</summary>
public sealed class TorchStyleEngine : IStyleEngine
{
    private readonly EngineOptions options;
    private readonly BackboneCatalog catalog;
    private readonly Lazy<torch.Device> device;

    public TorchStyleEngine(IOptions<EngineOptions> options, IWebHostEnvironment environment)
    {
        this.options = options.Value;
        // Weights without stored feature scales get them computed once from the bundled sample pictures.
        var calibration = this.options.CalibrationFolder ?? Path.Combine(environment.WebRootPath, "samples");
        catalog = new BackboneCatalog(new BackboneCatalogOptions(this.options.Vgg19WeightsPath, calibration));
        device = new Lazy<torch.Device>(() => TorchRuntime.SelectDevice(this.options.Device));
    }

    public string DeviceName
    {
        get
        {
            try
            {
                return TorchRuntime.Describe(device.Value);
            }
            catch (InvalidOperationException e)
            {
                return $"unavailable: {e.Message}";
            }
        }
    }

    public IReadOnlyList<BackboneInfo> Backbones() => catalog.List();

    public IReadOnlyDictionary<string, string> Recipe(StyleSettings settings) =>
        StyleRecipe.For(settings, settings.Backbone, WeightsPath(settings.Backbone)).ToPngText();

    public IStyleSession OpenSession() => new Session(this);

    private string? WeightsPath(string backbone) => backbone == BackboneCatalog.DefaultBackbone ? BackboneCatalog.EmbeddedResNet18Path : options.Vgg19WeightsPath;

    private sealed class Session(TorchStyleEngine engine) : IStyleSession
    {
        // Loading a backbone takes a moment (ResNet18 parses a 64 MB ONNX file): keep what this worker loaded.
        private readonly Dictionary<(string Name, PoolingKind Pooling), IBackbone> loaded = [];
        private bool threadsSet;

        public StyleResult Run(RgbImage content, IReadOnlyList<RgbImage> styles, StyleSettings settings, IStyleProgress progress, CancellationToken cancellationToken)
        {
            if (!threadsSet)
            {
                TorchRuntime.SetThreads(engine.options.Threads > 0 ? engine.options.Threads : EngineOptions.DefaultThreads);
                threadsSet = true;
            }

            return StyleTransfer.Run(Backbone(settings), content, styles, settings, progress, cancellationToken);
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
                backbone = engine.catalog.Load(settings.Backbone, settings.Pooling, engine.device.Value);
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
