using System.CommandLine;
using System.Text.Json;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Models;
using NeuralStyle.Engine.Runtime;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Models;

namespace NeuralStyle.Web.Cli;

/// <summary><c>stylize</c>: one run from files to a PNG, with a progress line as it goes.</summary>
internal static class StylizeCommand
{
    private static readonly StyleSettings Defaults = new();

    private static readonly Dictionary<string, ColourMode> ColourChoices = new()
    {
        ["style"] = ColourMode.Style,
        ["luminance"] = ColourMode.Luminance,
        ["match"] = ColourMode.MatchStyleToPhoto,
        ["original"] = ColourMode.OriginalColours,
    };

    public static Command Create()
    {
        var content = new Option<FileInfo>("--content") { Description = "The photo whose content is kept.", Required = true };
        var style = new Option<FileInfo[]>("--style") { Description = "A style picture; repeat for several (blended equally).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the result (PNG).", Required = true };
        var size = Default(new Option<int>("--size") { Description = "Output size in pixels along the long side." }, Defaults.Size);
        var iterations = Default(new Option<int>("--iterations") { Description = "Optimisation iterations (L-BFGS: evaluations)." }, Defaults.Iterations);
        var backbone = Default(new Option<string>("--backbone") { Description = "The network: resnet18 (built in) or vgg19 (weights from --weights or the models folder)." }, Defaults.Backbone);
        backbone.AcceptOnlyFromAmong([.. BackboneCatalog.Names]);
        var contentWeight = Default(new Option<double>("--content-weight") { Description = "alpha: how much the photo's content counts." }, Defaults.ContentWeight);
        var styleWeight = new Option<double?>("--style-weight") { Description = "beta: how much the style counts [default: the backbone's, resnet18 1e5, vgg19 1e3 (the paper's alpha/beta = 1e-3)]" };
        var tvWeight = Default(new Option<double>("--tv-weight") { Description = "Total-variation weight: smooths noise (0 = off)." }, Defaults.TvWeight);
        var optimizer = Default(new Option<string>("--optimizer") { Description = "lbfgs (the paper's) or adam." }, "lbfgs");
        optimizer.AcceptOnlyFromAmong("lbfgs", "adam");
        var init = Default(new Option<string>("--init") { Description = "Start picture: contentInStyleColours (the photo in the painting's colours), content (the photo as it is), noise (the paper's) or style." }, JsonNamingPolicy.CamelCase.ConvertName(Defaults.Init.ToString()));
        init.AcceptOnlyFromAmong([.. Enum.GetNames<InitKind>().Select(JsonNamingPolicy.CamelCase.ConvertName)]);
        var seed = Default(new Option<long>("--seed") { Description = "Seed for the noise: the same seed gives the same picture on the CPU." }, Defaults.Seed);
        var pooling = Default(new Option<string>("--pooling") { Description = "VGG19's pooling: avg (the paper's) or max." }, "avg");
        pooling.AcceptOnlyFromAmong("avg", "max");
        var antiAliasing = Default(new Option<bool>("--anti-aliasing") { Description = "ResNet18 only: blur slightly before its stride-2 layers so it prints no checkerboard (false = the network as trained)." }, Defaults.AntiAliasing);
        var weights = new Option<FileInfo?>("--weights") { Description = "Weights file for a backbone that needs one (VGG19: .pth, .safetensors or .onnx)." };
        var contentLayers = new Option<string[]>("--content-layers") { Description = "Content layers (default: the backbone's), comma or space separated.", AllowMultipleArgumentsPerToken = true };
        var styleLayers = new Option<string[]>("--style-layers") { Description = "Style layers, equally weighted (default: the backbone's).", AllowMultipleArgumentsPerToken = true };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Step size (default: 1 for L-BFGS, 0.02 for Adam)." };
        var lbfgsHistory = Default(new Option<int>("--lbfgs-history") { Description = "Curvature pairs L-BFGS keeps: more costs memory and time per step (docs/PERFORMANCE.md)." }, Defaults.LbfgsHistory);
        var colour = Default(new Option<string>("--colour") { Description = "Colours: style (the paper's), luminance (keep the photo's colours, style as light and dark), match (style's colours matched to the photo first), original (photo's colours swapped in after)." }, "style");
        colour.AcceptOnlyFromAmong([.. ColourChoices.Keys]);
        var styleBlend = new Option<double[]>("--style-blend") { Description = "One weight per --style, for mixing several styles (default: equal).", AllowMultipleArgumentsPerToken = true };
        var styleScale = Default(new Option<double>("--style-scale") { Description = "Style picture size relative to the output: above 1 gives larger brush strokes, below 1 a finer texture." }, Defaults.StyleScale);
        var coarseToFine = Default(new Option<int>("--coarse-to-fine-above") { Description = "Sizes above this are made at half size first (0 = never)." }, Defaults.CoarseToFineAbove);
        var stageIterations = new Option<int?>("--stage-iterations") { Description = "Iterations of each coarser stage (default: --iterations)." };
        var device = Default(new Option<string>("--device") { Description = "auto (GPU when there is one), cpu, cuda or cuda:N." }, "auto");
        var threads = Default(new Option<int>("--threads") { Description = "CPU threads for the network (0 = one per core)." }, 0);
        var memory = new Option<long?>("--memory-mb") { Description = "Memory the run may use, in MB (default: the free main memory on the CPU; on CUDA sizes go unchecked unless given)." };
        var explore = Default(new Option<string>("--explore") { Description = "Instead of one picture, quick small sketches side by side in --out: ratio (content/style balance over four decades), layer (content layer, shallow to deep) or network (what the network sees: the photo rebuilt from each layer, the style from growing layer sets). none = one picture." }, "none");
        explore.AcceptOnlyFromAmong([.. ExploreChoices]);
        var exploreCount = Default(new Option<int>("--explore-count") { Description = $"Variants in a ratio or layer grid ({ExploreGrid.MinCount} to {ExploreGrid.MaxCount})." }, 4);
        var sketchSize = Default(new Option<int>("--sketch-size") { Description = $"Long side of each sketch in pixels (at most {SketchSize.MaxSize})." }, new SketchSize().Size);
        var sketchIterations = Default(new Option<int>("--sketch-iterations") { Description = "Iterations of each sketch." }, new SketchSize().Iterations);

        var logEvery = Default(new Option<int>("--log-every") { Description = "Print a progress line every this many iterations." }, 10);

        var command = new Command("stylize", "Paint the content photo in the style of the style picture(s) and write a PNG.")
        {
            content, style, output, size, iterations, backbone, contentWeight, styleWeight, tvWeight, optimizer, init, seed,
            pooling, antiAliasing, weights, contentLayers, styleLayers, learningRate, lbfgsHistory, colour, styleBlend, styleScale, coarseToFine, stageIterations,
            device, threads, memory, explore, exploreCount, sketchSize, sketchIterations, logEvery,

        };

        command.SetAction(result =>
        {
            var settings = new StyleSettings
            {
                Size = result.GetValue(size),
                Iterations = result.GetValue(iterations),
                Backbone = result.GetValue(backbone)!,
                ContentWeight = result.GetValue(contentWeight),
                StyleWeight = result.GetValue(styleWeight) ?? BackboneCatalog.RecommendedStyleWeight(result.GetValue(backbone)!),
                TvWeight = result.GetValue(tvWeight),
                Optimizer = result.GetValue(optimizer) == "adam" ? OptimizerKind.Adam : OptimizerKind.Lbfgs,
                Init = Enum.Parse<InitKind>(result.GetValue(init)!, ignoreCase: true),
                Seed = result.GetValue(seed),
                Pooling = result.GetValue(pooling) == "max" ? PoolingKind.Max : PoolingKind.Average,
                AntiAliasing = result.GetValue(antiAliasing),
                ContentLayers = Layers(result.GetValue(contentLayers)),
                StyleLayers = Layers(result.GetValue(styleLayers)) is { } names ? names.Select(n => new LayerWeight(n, 1.0 / names.Count)).ToArray() : null,
                LearningRate = result.GetValue(learningRate),
                LbfgsHistory = result.GetValue(lbfgsHistory),
                PreviewEvery = 0,
                Colour = ColourChoices[result.GetValue(colour)!],
                StyleBlend = result.GetValue(styleBlend) is { Length: > 0 } blend ? blend : null,
                StyleScale = result.GetValue(styleScale),
                CoarseToFineAbove = result.GetValue(coarseToFine),
                StageIterations = result.GetValue(stageIterations),
            };

            var sketches = new SketchPlan(result.GetValue(explore)!, result.GetValue(exploreCount), new SketchSize(result.GetValue(sketchSize), result.GetValue(sketchIterations)));
            return Stylize(
                sketches,
                result.GetValue(content)!,
                result.GetValue(style)!,
                result.GetValue(output)!,
                settings,
                result.GetValue(weights),
                result.GetValue(device)!,
                result.GetValue(threads),
                result.GetValue(memory),
                Math.Max(1, result.GetValue(logEvery)));
        });
        return command;
    }

    private static readonly string[] ExploreChoices = ["none", "ratio", "layer", "network"];

    private sealed record SketchPlan(string Explore, int Count, SketchSize Size)
    {
        public IReadOnlyList<Sketch> For(StyleSettings settings, IBackbone backbone) => Explore switch
        {
            "ratio" => ExploreGrid.Build(settings, ExploreAxis.ContentStyleRatio, Count, LayerDepths.Of(backbone), Size),
            "layer" => ExploreGrid.Build(settings, ExploreAxis.ContentLayer, Count, LayerDepths.Of(backbone), Size),
            "network" => NetworkView.Plan(settings, LayerDepths.Of(backbone), Size),
            _ => [],
        };
    }

    private static int Stylize(
        SketchPlan plan,
        FileInfo contentFile, FileInfo[] styleFiles, FileInfo output, StyleSettings settings, FileInfo? weights, string deviceName, int threads, long? memoryMb, int logEvery)
    {
        try
        {
            var content = CliPictures.Read(contentFile, "content picture");
            var styles = styleFiles.Select(f => CliPictures.Read(f, "style picture")).ToArray();
            TorchRuntime.SetThreads(threads);
            var device = TorchRuntime.SelectDevice(deviceName);
            var catalog = new BackboneCatalog(new BackboneCatalogOptions(CalibrationFolder: CliPictures.SamplesFolder));
            // Like the web application: without --weights, VGG19 comes from the models folder that 'models fetch' fills.
            var weightsPath = weights?.FullName ?? (settings.Backbone == BackboneCatalog.DefaultBackbone ? null : new ModelLibrary(ModelRegistration.ConfiguredFolder()).FirstInstalled());
            using var backbone = catalog.Load(settings.Backbone, settings.Pooling, device, weightsPath, antiAliasing: settings.AntiAliasing);
            if ((memoryMb * 1_000_000 ?? MemoryEstimate.AvailableBytes(device)) is { } available)
            {
                var largest = MemoryEstimate.LargestSize(
                    MemoryEstimate.Measure(backbone), settings, (double)content.Width / content.Height, styles.Length, available, StyleSettingsValidation.MaxSize);
                if (settings.Size > largest)
                {
                    Console.Error.WriteLine(JobSettingsValidator.TooLarge(largest) + (largest >= 16 ? $" Try --size {largest}." : ""));
                    return 1;
                }
            }

            if (plan.For(settings, backbone) is { Count: > 0 } sketches)
            {
                return Sketch(sketches, backbone, content, styles, output, logEvery);
            }

            Console.WriteLine($"Stylizing {contentFile.Name} with {string.Join(", ", styleFiles.Select(f => f.Name))} on {backbone.Name}, {TorchRuntime.Describe(device)}: {settings.Size} px, {settings.Iterations} iterations.");
            var result = StyleTransfer.Run(backbone, content, styles, settings, new ConsoleProgress(logEvery), CancellationToken.None);

            var recipe = StyleRecipe.For(settings, backbone.Name, weightsPath ?? (backbone.Name == BackboneCatalog.DefaultBackbone ? BackboneCatalog.EmbeddedResNet18Path : null));
            File.WriteAllBytes(output.FullName, ImageEncoder.EncodePng(result.Image, recipe.ToPngText()));
            var (first, last) = (result.Steps[0], result.Steps[^1]);
            Console.WriteLine(
                $"Wrote {output.FullName} ({result.Image.Width}x{result.Image.Height}) in {result.Duration.TotalSeconds:F1} s; style loss {first.StyleLoss:G3} -> {last.StyleLoss:G3}, content loss {first.ContentLoss:G3} -> {last.ContentLoss:G3}.");
            return 0;
        }
        catch (Exception ex) when (ex is CliException or StyleTransferException or WeightsException or ArgumentException
            or InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    /// <summary>The sketches one after another, a line for each as it is done, then all of them side by side in one PNG.</summary>
    private static int Sketch(IReadOnlyList<Sketch> sketches, IBackbone backbone, RgbImage content, RgbImage[] styles, FileInfo output, int logEvery)
    {
        Console.WriteLine($"Sketching {sketches.Count} small pictures on {backbone.Name}: {sketches[0].Settings.Size} px, {sketches[0].Settings.Iterations} iterations each.");
        var results = SketchRun.Run(backbone, content, styles, sketches, new ConsoleProgress(logEvery), (sketch, result) =>
            Console.WriteLine($"Sketch {sketch.Index + 1}: {sketch.Title}: content loss {result.Steps[^1].ContentLoss:G3}, style loss {result.Steps[^1].StyleLoss:G3}. {sketch.Caption}"),
            CancellationToken.None);
        var sheet = SketchRun.ContactSheet(results.Select(r => r.Image).ToArray());
        File.WriteAllBytes(output.FullName, ImageEncoder.EncodePng(sheet));
        Console.WriteLine($"Wrote {output.FullName} ({sheet.Width}x{sheet.Height}): the sketches from left to right.");
        return 0;
    }

    private static IReadOnlyList<string>? Layers(string[]? values)
    {
        var names = (values ?? []).SelectMany(v => v.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        return names.Length == 0 ? null : names;
    }

    private static Option<T> Default<T>(Option<T> option, T value)
    {
        option.DefaultValueFactory = _ => value;
        return option;
    }
}
