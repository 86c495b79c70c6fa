using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones;

/// <summary>A backbone as people choose it, and whether it can run here.</summary>
/// <param name="Name">The name runs use (<c>resnet18</c>, <c>vgg19</c>).</param>
/// <param name="Title">A short title for people.</param>
/// <param name="Description">One sentence on what it is and when to pick it.</param>
/// <param name="Ready">Whether its weights are here.</param>
/// <param name="NotReadyReason">What is missing and how to get it, when not ready.</param>
/// <param name="RecommendedStyleWeight">beta (with alpha = 1) that gives a clearly stylised picture on this backbone.</param>
public sealed record BackboneInfo(string Name, string Title, string Description, bool Ready, string? NotReadyReason, double RecommendedStyleWeight);

/// <summary>Where the catalog finds weights that do not ship with the product.</summary>
/// <param name="Vgg19WeightsPath">A VGG19 weights file (.pth, .safetensors or .onnx); null when none is installed.</param>
/// <param name="CalibrationFolder">
/// Pictures (JPEG, PNG) to compute feature scales from when a weights file has none beside it; null to run such
/// weights unnormalised.
/// </param>
public sealed record BackboneCatalogOptions(string? Vgg19WeightsPath = null, string? CalibrationFolder = null);

/// <summary>
/// The backbones this build knows, each loaded with the paper's normalisation: feature scales stored beside the
/// weights (<c>FILE.scales.json</c>) are applied unless the weights are normalised already; where there are none,
/// they are computed once from the calibration pictures and saved there.
/// </summary>
public sealed class BackboneCatalog(BackboneCatalogOptions options)
{
    /// <summary>The embedded default, which needs no download.</summary>
    public const string DefaultBackbone = "resnet18";

    /// <summary>Every backbone name this build knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["resnet18", "vgg19"];

    /// <summary>The backbones and whether each can run here.</summary>
    public IReadOnlyList<BackboneInfo> List()
    {
        var vggPath = options.Vgg19WeightsPath;
        var vggReady = vggPath is not null && File.Exists(vggPath);
        return
        [
            new BackboneInfo(
                "resnet18",
                "ResNet18 (built in)",
                "A small ImageNet network that ships with NeuralStyle: fast, works with no download, slightly blockier textures than VGG19.",
                File.Exists(EmbeddedResNet18Path),
                File.Exists(EmbeddedResNet18Path) ? null : $"The embedded model is missing from '{EmbeddedResNet18Path}': rebuild the application.",
                RecommendedStyleWeight("resnet18")),
            new BackboneInfo(
                "vgg19",
                "VGG19 (the paper's network)",
                "The network Gatys et al. used: the most faithful results, about four times slower than ResNet18.",
                vggReady,
                vggReady ? null : vggPath is null
                    ? "VGG19's weights are not installed: put a VGG19 weights file on the server and set its path."
                    : $"VGG19's weights file '{vggPath}' does not exist.",
                RecommendedStyleWeight("vgg19")),
        ];
    }

    /// <summary>
    /// Loads <paramref name="name"/> onto <paramref name="device"/>, normalised unless <paramref name="normalized"/> is
    /// false (for computing scales). <paramref name="pooling"/> applies to VGG19; ResNet18's pooling is part of its
    /// trained graph, and <paramref name="antiAliasing"/> to ResNet18 (see <see cref="StyleSettings.AntiAliasing"/>).
    /// <paramref name="weightsPath"/> overrides the configured weights file.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown backbone, or VGG19 with no weights file.</exception>
    public IBackbone Load(string name, PoolingKind pooling, Device device, string? weightsPath = null, bool normalized = true, bool antiAliasing = false)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "resnet18":
            {
                var path = weightsPath ?? EmbeddedResNet18Path;
                var resnet = ResNet18Backbone.Load(path, device, antiAliasing);
                return normalized ? WithScales(resnet, ScalesPath(path), alreadyNormalized: false) : resnet;
            }

            case "vgg19":
            {
                var path = weightsPath ?? options.Vgg19WeightsPath
                    ?? throw new ArgumentException("VGG19 needs a weights file: none is configured (see the README, 'VGG19 weights').");
                var vgg = Vgg19Backbone.Load(path, pooling, device);
                return normalized ? WithScales(vgg, ScalesPath(path), vgg.IsNormalized) : vgg;
            }

            default:
                throw new ArgumentException($"Unknown backbone '{name}': choose one of {string.Join(", ", Names)}.");
        }
    }

    /// <summary>
    /// beta (alpha = 1) to start from on each backbone. VGG19: 1e3, the paper's alpha/beta = 1e-3 (Figure 3).
    /// ResNet18: 1e5, measured on the bundled samples at 128 to 512 px. Its normalised content layer differs from
    /// its style layers' E_l by more than VGG19's, and at 1e3 a run only rebuilt the photo in grey.
    /// </summary>
    public static double RecommendedStyleWeight(string backbone) =>
        backbone.Trim().ToLowerInvariant() == "resnet18" ? 1e5 : new StyleSettings().StyleWeight;

    /// <summary>
    /// The layers that play the paper's conv1_2 ... conv5_2 (content) and conv1_1 ... conv5_1 (style) on
    /// <paramref name="backbone"/>; null for a backbone this build does not know. VGG19 takes the paper's layers (after
    /// their ReLU, as its defaults do). ResNet18 takes one layer per resolution, stride 2 to 32 for content; its style
    /// stops at stage 3 for the reason given at <see cref="ResNet18Backbone.DefaultStyleLayers"/>.
    /// </summary>
    public static LayerDepths? Depths(string backbone) => backbone.Trim().ToLowerInvariant() switch
    {
        "resnet18" => new LayerDepths(["stem_relu", "layer1", "layer2", "layer3", "layer4"], ["stem_relu", "layer1", "layer2", "layer3"]),
        "vgg19" => new LayerDepths(["relu1_2", "relu2_2", "relu3_2", "relu4_2", "relu5_2"], ["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"]),
        _ => null,
    };

    /// <summary>Where the embedded ResNet18 lives in the application's output.</summary>
    public static string EmbeddedResNet18Path => Path.Combine(AppContext.BaseDirectory, ResNet18Backbone.EmbeddedRelativePath);

    /// <summary>Where the feature scales of a weights file are stored: beside it.</summary>
    public static string ScalesPath(string weightsPath) => Path.ChangeExtension(weightsPath, ".scales.json");

    /// <summary>The side, in pixels, calibration pictures are resized to.</summary>
    public const int CalibrationSize = 256;

    private IBackbone WithScales(IBackbone backbone, string scalesPath, bool alreadyNormalized)
    {
        if (alreadyNormalized)
        {
            return backbone;
        }

        try
        {
            if (File.Exists(scalesPath))
            {
                return new NormalizedBackbone(backbone, FeatureScales.Load(scalesPath));
            }

            var pictures = CalibrationPictures();
            if (pictures.Count == 0)
            {
                return backbone;
            }

            var scales = FeatureScales.Compute(backbone, pictures, CalibrationSize);
            TrySave(scales, scalesPath);
            return new NormalizedBackbone(backbone, scales);
        }
        catch
        {
            backbone.Dispose();
            throw;
        }
    }

    private IReadOnlyList<(string Name, RgbImage Picture)> CalibrationPictures()
    {
        if (options.CalibrationFolder is not { } folder || !Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png")
            .Order(StringComparer.Ordinal)
            .Select(f =>
            {
                using var stream = File.OpenRead(f);
                return (Path.GetFileName(f), ImageLoader.Load(stream, ImageLimits.Default));
            })
            .ToArray();
    }

    private static void TrySave(FeatureScales scales, string path)
    {
        try
        {
            scales.Save(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only weights folder only costs recomputing the scales at the next load.
        }
    }
}
