using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Benchmarks;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Runtime;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Engine;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Web.Cli;

/// <summary>
/// <c>bench</c>: issue 5's benchmark. Per backbone and size, our optimisation step against the network's own forward
/// and backward pass, the time to the first preview and the peak memory; with <c>--compare</c>, the loss each
/// optimiser and starting picture reaches after N evaluations.
/// </summary>
internal static class BenchCommand
{
    private const long VggSeed = 2016;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static Command Create()
    {
        var backbones = new Option<string[]>("--backbones") { Description = "Backbones to measure; vgg19 gets seeded random weights.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [.. BackboneCatalog.Names] };
        var sizes = new Option<string[]>("--sizes") { Description = "Long sides in pixels [default: 256 512].", AllowMultipleArgumentsPerToken = true };
        var repeats = new Option<int>("--repeats") { Description = "Measured repetitions of each, after the warm-up.", DefaultValueFactory = _ => 9 };
        var warmup = new Option<int?>("--warmup") { Description = "Unmeasured steps first [default: the L-BFGS history size + 2, so the history is full when measured, as in most of a run]." };
        var threads = new Option<int>("--threads") { Description = "CPU threads for the network (0 = as the web application: one per core less one, at least one).", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "auto (GPU when there is one), cpu, cuda or cuda:N.", DefaultValueFactory = _ => "auto" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON to this file." };
        var quick = new Option<bool>("--quick") { Description = "A fast smoke run: 128 px, 2 repeats, 1 warm-up (overrides --sizes, --repeats, --warmup)." };
        var compare = new Option<bool>("--compare") { Description = "Instead: loss after N evaluations for L-BFGS and Adam from noise, content and style (resnet18)." };
        var compareSize = new Option<int>("--compare-size") { Description = "Long side for --compare.", DefaultValueFactory = _ => 160 };
        var evaluations = new Option<string[]>("--evaluations") { Description = "Evaluation counts for --compare [default: 50 100 200].", AllowMultipleArgumentsPerToken = true };
        var history = new Option<string[]>("--history") { Description = "L-BFGS curvature pairs: with --compare, compare these history sizes (from the photo and from noise) instead of optimisers; otherwise the one size the steps use [default: the settings' 20].", AllowMultipleArgumentsPerToken = true };
        var coarseToFine = new Option<bool>("--coarse-to-fine") { Description = "Instead: time to a straight run's loss, coarse to fine against straight, at the first of --sizes [default: 1024] (resnet18)." };
        var iterations = new Option<int>("--iterations") { Description = "For --coarse-to-fine: iterations of the straight run, and at most that many at full size.", DefaultValueFactory = _ => 100 };
        var stageIterations = new Option<int>("--stage-iterations") { Description = "For --coarse-to-fine: iterations of each coarser stage.", DefaultValueFactory = _ => 100 };
        var init = new Option<string>("--init") { Description = "For --coarse-to-fine: the starting picture, content (the default) or noise (the paper's).", DefaultValueFactory = _ => "content" };
        init.AcceptOnlyFromAmong("content", "noise", "style");
        var viewers = new Option<string[]>("--viewers") { Description = "Instead: steps per second of the web application's jobs with these many live viewers each, e.g. 0 1 10 (resnet18, first of --sizes [default: 256], --iterations per job).", AllowMultipleArgumentsPerToken = true };
        var rounds = new Option<int>("--rounds") { Description = "For --viewers: jobs per viewer count, alternating; for --explore: grids each way.", DefaultValueFactory = _ => 3 };
        var explore = new Option<int?>("--explore") { Description = "Instead: this many explore sketches (2 to 6) batched against one by one, at the first of --sizes [default: 128] with --iterations each (resnet18)." };
        var quality = new Option<bool>("--quality") { Description = "Instead: run every bundled photo with every bundled painting at the Create page's defaults and measure each picture's colour, texture, layout and added grid." };
        var settingsJson = new Option<string?>("--settings") { Description = "For --quality: settings to change from the Create page's defaults, as JSON named like the API's fields, e.g. '{\"styleWeight\": 1e6, \"size\": 256}'." };
        var pairList = new Option<string[]>("--pairs") { Description = "For --quality: photo:painting sample names to run, e.g. chelsea:starry-night [default: every photo with every painting].", AllowMultipleArgumentsPerToken = true };
        var outFolder = new Option<DirectoryInfo?>("--out") { Description = "For --quality: write each result and the contact sheet (photo, painting, result per row) into this folder." };
        var command = new Command("bench", "Measure our optimisation step against the network's own forward and backward pass (issue 5).")
        {
            backbones, sizes, repeats, warmup, threads, device, json, quick, compare, compareSize, evaluations, history, coarseToFine, iterations, stageIterations, init, viewers, rounds, explore,
            quality, settingsJson, pairList, outFolder,
        };

        command.SetAction(async result =>
        {
            try
            {
                TorchRuntime.SetThreads(result.GetValue(threads) is > 0 and var asked ? asked : EngineOptions.DefaultThreads);
                var target = TorchRuntime.SelectDevice(result.GetValue(device)!);
                var watching = Names(result.GetValue(viewers)) is { Length: > 0 } given ? [.. given.Select(c => int.TryParse(c, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 1000
                    ? n
                    : throw new CliException($"--viewers takes whole numbers from 0 to 1000; '{c}' is not one."))] : (int[]?)null;
                var names = Names(result.GetValue(backbones));
                var unknown = names.Where(n => !BackboneCatalog.Names.Contains(n)).ToArray();
                if (unknown.Length > 0)
                {
                    throw new CliException($"Unknown backbone '{unknown[0]}': choose from {string.Join(", ", BackboneCatalog.Names)}.");
                }

                var histories = Numbers(result.GetValue(history), "--history");
                if (histories?.Any(h => h is < 1 or > StyleSettingsValidation.MaxLbfgsHistory) == true)
                {
                    throw new CliException($"--history takes 1 to {StyleSettingsValidation.MaxLbfgsHistory} curvature pairs.");
                }

                var machine = Machine.Describe();
                Console.WriteLine(machine.Summary);
                object report;
                if (result.GetValue(quality))
                {
                    report = new { machine, quality = Quality(target, QualitySettings(result.GetValue(settingsJson)), QualityPairs(result.GetValue(pairList)), result.GetValue(outFolder)) };
                }
                else if (result.GetValue(compare))
                {
                    var counts = Numbers(result.GetValue(evaluations), "--evaluations") ?? [50, 100, 200];
                    report = new { machine, comparison = Compare(target, result.GetValue(compareSize), counts, histories) };
                }
                else if (watching is not null)
                {
                    var size = Numbers(result.GetValue(sizes), "--sizes")?[0] ?? 256;
                    var (count, perJob) = (result.GetValue(rounds), result.GetValue(iterations));
                    if (count < 1 || perJob < 1)
                    {
                        throw new CliException("--viewers needs at least 1 round and 1 iteration per job.");
                    }

                    var (runs, summary) = await ViewerBenchmark.RunAsync(watching, count, size, perJob, result.GetValue(threads), result.GetValue(device)!);
                    report = new { machine, viewers = new { size, iterations = perJob, runs, summary } };
                }
                else if (result.GetValue(explore) is { } count)
                {
                    var size = Numbers(result.GetValue(sizes), "--sizes")?[0] ?? 128;
                    var sketch = new SketchSize(size, result.GetValue(iterations));
                    if (count is < ExploreGrid.MinCount or > ExploreGrid.MaxCount || sketch.Validate() is { Count: > 0 } || result.GetValue(rounds) < 1)
                    {
                        throw new CliException($"--explore takes {ExploreGrid.MinCount} to {ExploreGrid.MaxCount} sketches of 16 to {SketchSize.MaxSize} px, 1 to {SketchSize.MaxIterations} iterations, and at least 1 round.");
                    }

                    report = new { machine, explore = Explore(target, count, sketch, result.GetValue(rounds)) };
                }
                else if (result.GetValue(coarseToFine))
                {
                    var size = Numbers(result.GetValue(sizes), "--sizes")?[0] ?? 1024;
                    var (full, stage) = (result.GetValue(iterations), result.GetValue(stageIterations));
                    if (size < 1024 || full < 1 || stage < 1)
                    {
                        throw new CliException("--coarse-to-fine needs a size of at least 1024 px (its coarsest stage is 512 px) and at least 1 iteration of each kind.");
                    }

                    report = new { machine, coarseToFine = CoarseToFine(target, size, full, stage, Enum.Parse<InitKind>(result.GetValue(init)!, ignoreCase: true)) };
                }
                else
                {
                    var isQuick = result.GetValue(quick);
                    var sides = isQuick ? [128] : Numbers(result.GetValue(sizes), "--sizes") ?? [256, 512];
                    var pairs = histories?[0] ?? new StyleSettings().LbfgsHistory;
                    var (reps, warm) = isQuick ? (2, 1) : (result.GetValue(repeats), result.GetValue(warmup) ?? pairs + 2);
                    if (reps < 1 || warm < 0)
                    {
                        throw new CliException("--repeats must be at least 1 and --warmup at least 0.");
                    }

                    if (histories is { Length: > 1 })
                    {
                        throw new CliException("Give one --history for the step benchmark (several are for --compare).");
                    }

                    report = new { machine, results = Measure(target, names, sides, reps, warm, pairs) };
                }

                if (result.GetValue(json) is { } file)
                {
                    await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(report, Json));
                    Console.WriteLine($"Wrote {file.FullName}.");
                }

                return 0;
            }
            catch (Exception ex) when (ex is CliException or StyleTransferException or ArgumentException or InvalidOperationException
                or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }

    private static List<StepBenchmarkResult> Measure(TorchSharp.torch.Device device, IReadOnlyList<string> names, IReadOnlyList<int> sizes, int repeats, int warmup, int history)
    {
        var (content, style) = Pair("chelsea.jpg", "starry-night.jpg");
        var results = new List<StepBenchmarkResult>();
        Console.WriteLine($"Median of {repeats} after {warmup} warm-up, ms (min-max); chelsea.jpg styled by starry-night.jpg, L-BFGS, content init for the step.");
        Console.WriteLine($"{"backbone",-9} {"size",5} {"picture",9} {"(a) floor: fwd+bwd",26} {"(b) our step",26} {"b/a",6} {"evals",5} {"pairs",5} {"1st frame",9} {"peak MiB",8}");
        foreach (var name in names)
        {
            using var backbone = Load(name, device);
            var settings = new StyleSettings { Backbone = name, StyleWeight = BackboneCatalog.RecommendedStyleWeight(name), LbfgsHistory = history };
            foreach (var size in sizes)
            {
                var row = StepBenchmark.Measure(backbone, content, style, settings with { Size = size }, repeats, warmup);
                results.Add(row);
                Console.WriteLine(
                    $"{row.Backbone,-9} {row.Size,5} {$"{row.Width}x{row.Height}",9} {Cell(row.Floor),26} {Cell(row.Step),26} {row.Ratio,6:F3} {row.EvaluationsPerStep,5:G3} {row.LbfgsHistory,5} {row.FirstPreviewMs,9:F0} {row.PeakMemoryBytes / 1048576.0,8:F0}");
            }
        }

        Console.WriteLine("b/a: our whole step over the floor pass just before it, the median of those ratios (issue 5's target: at most 1.10 at 512 px). evals: loss-and-gradient evaluations per step. pairs: L-BFGS history when measured.");
        return results;
    }

    private static ComparisonResult Compare(TorchSharp.torch.Device device, int size, IReadOnlyList<int> evaluations, IReadOnlyList<int>? histories)
    {
        var pairs = new[]
        {
            Named("chelsea+starry-night", "chelsea.jpg", "starry-night.jpg"),
            Named("astronaut+stained-tissue", "astronaut.jpg", "stained-tissue.jpg"),
        };
        using var backbone = Load(BackboneCatalog.DefaultBackbone, device);
        var settings = new StyleSettings { Size = size, StyleWeight = BackboneCatalog.RecommendedStyleWeight(BackboneCatalog.DefaultBackbone) };
        Console.WriteLine($"Total loss after N evaluations, resnet18 at {size} px, style weight {settings.StyleWeight:G3}, other settings default.");
        var comparison = histories is null
            ? OptimizerComparison.Run(backbone, pairs, settings, evaluations)
            : OptimizerComparison.Histories(backbone, pairs, settings, evaluations, histories);
        Console.WriteLine($"{"pair",-25} {"optimizer",-9} {"init",-7} {"pairs",5} {string.Join(" ", evaluations.Select(n => $"{$"N={n}",10}"))} {"seconds",8}");
        foreach (var row in comparison.Rows)
        {
            var kept = row.Optimizer == OptimizerKind.Lbfgs ? row.History.ToString(CultureInfo.InvariantCulture) : "-";
            Console.WriteLine($"{row.Pair,-25} {row.Optimizer,-9} {row.Init,-7} {kept,5} {string.Join(" ", row.Losses.Select(l => $"{(l is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "diverged"),10}"))} {row.Seconds,8:F1}");
        }

        foreach (var pair in pairs)
        {
            var best = evaluations.Select((n, i) => (n, comparison.Best(pair.Name, i))).Select(b => $"N={b.n}: {b.Item2.Optimizer}/{b.Item2.Init}{(histories is null ? "" : $"/{b.Item2.History}")}");
            Console.WriteLine($"Lowest loss on {pair.Name}: {string.Join(", ", best)}.");
        }

        return comparison;
    }

    private static object Quality(TorchSharp.torch.Device device, StyleSettings settings, IReadOnlyList<PicturePair> pairs, DirectoryInfo? folder)
    {
        using var backbone = new BackboneCatalog(new BackboneCatalogOptions(CalibrationFolder: CliPictures.SamplesFolder)).Load(settings.Backbone, settings.Pooling, device, antiAliasing: settings.AntiAliasing);
        Console.WriteLine($"Settings: {JsonSerializer.Serialize(settings, Json).ReplaceLineEndings(" ")}");
        Console.WriteLine("grid: periodic pattern added (<= 0.10 wanted); colour, texture: 1 = the photo's, 0 = the painting's (<= 0.50, <= 0.45); layout: 1 = the photo's (>= 0.50).");
        Console.WriteLine($"{"photo x painting",-34} {"grid",6} {"colour",6} {"texture",7} {"layout",6} {"seconds",7} {"evals",5} {"loss",10} {"rise",6}");
        folder?.Create();
        var report = QualityBenchmark.Run(backbone, pairs, settings, row =>
        {
            var q = row.Quality;
            Console.WriteLine($"{row.Pair,-34} {q.Grid,6:+0.00;-0.00} {q.Colour,6:F2} {q.Texture,7:F2} {q.Layout,6:F2} {row.Seconds,7:F1} {row.Evaluations,5} {row.FinalLoss,10:G3} {row.LargestRise,6:G3}");
            if (folder is not null)
            {
                File.WriteAllBytes(Path.Combine(folder.FullName, $"{row.Pair.Replace(" x ", "__")}.png"), ImageEncoder.EncodePng(row.Result));
            }
        });
        Console.WriteLine($"All four goals met on {report.AllMet} of {report.Rows.Count} pairs; grid and layout on {report.GridAndLayoutMet} of {report.Rows.Count}. Median {report.Rows.Select(r => r.Seconds).Order().ElementAt(report.Rows.Count / 2):F1} s a pair.");
        if (folder is not null)
        {
            var sheet = Path.Combine(folder.FullName, "contact-sheet.png");
            File.WriteAllBytes(sheet, ImageEncoder.EncodePng(QualityBenchmark.ContactSheet(pairs, report.Rows)));
            Console.WriteLine($"Wrote the pictures and {sheet}.");
        }

        return new { settings, goals = report.Goals, report.AllMet, report.GridAndLayoutMet, rows = report.Rows.Select(r => new { r.Pair, r.Quality, r.Seconds, r.Evaluations, r.FinalLoss, r.LargestRise }) };
    }

    /// <summary>The Create page's defaults with <paramref name="json"/>'s fields (named like the API's) laid over them.</summary>
    private static StyleSettings QualitySettings(string? json)
    {
        var defaults = new JobSettings().ToStyleSettings();
        if (string.IsNullOrWhiteSpace(json))
        {
            return defaults;
        }

        try
        {
            var merged = JsonSerializer.SerializeToNode(defaults, Json)!.AsObject();
            foreach (var (name, value) in JsonNode.Parse(json)?.AsObject() ?? throw new CliException("--settings takes a JSON object."))
            {
                var known = merged.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new CliException($"--settings: there is no setting '{name}'; the settings are {string.Join(", ", merged.Select(p => p.Key))}.");
                merged[known] = value?.DeepClone();
            }

            var settings = merged.Deserialize<StyleSettings>(Json)!;
            return StyleSettingsValidation.Validate(settings) is { Count: > 0 } errors ? throw new CliException(string.Join(" ", errors)) : settings;
        }
        catch (JsonException ex)
        {
            throw new CliException($"--settings is not valid JSON for the settings: {ex.Message}");
        }
    }

    /// <summary>Every bundled photo with every bundled painting, or the <c>photo:painting</c> names given.</summary>
    private static IReadOnlyList<PicturePair> QualityPairs(string[]? given)
    {
        var samples = CliPictures.Samples();
        string File(string name, string kind) => samples.FirstOrDefault(s => s.Kind == kind && Path.GetFileNameWithoutExtension(s.File) == name)?.File
            ?? throw new CliException($"There is no bundled {kind} picture named '{name}'; they are {string.Join(", ", samples.Where(s => s.Kind == kind).Select(s => Path.GetFileNameWithoutExtension(s.File)))}.");
        var names = Names(given) is { Length: > 0 } asked
            ? asked.Select(p => p.Split(':') is [var photo, var painting] ? (photo, painting) : throw new CliException($"--pairs takes photo:painting; '{p}' is not one.")).ToArray()
            : [.. from photo in samples.Where(s => s.Kind == "content") from painting in samples.Where(s => s.Kind == "style") select (Path.GetFileNameWithoutExtension(photo.File), Path.GetFileNameWithoutExtension(painting.File))];
        return [.. names.Select(n => Named($"{n.Item1} x {n.Item2}", File(n.Item1, "content"), File(n.Item2, "style")))];
    }

    private static ExploreTiming Explore(TorchSharp.torch.Device device, int count, SketchSize size, int rounds)
    {
        using var backbone = Load(BackboneCatalog.DefaultBackbone, device);
        var settings = new StyleSettings { StyleWeight = BackboneCatalog.RecommendedStyleWeight(BackboneCatalog.DefaultBackbone) };
        Console.WriteLine($"A {count}-variant content/style grid of chelsea.jpg styled by starry-night.jpg, resnet18, {size.Size} px, {size.Iterations} iterations each, {rounds} rounds.");
        var timing = ExploreComparison.Run(backbone, Named("chelsea+starry-night", "chelsea.jpg", "starry-night.jpg"), settings, count, size, rounds);
        Console.WriteLine($"{"way",-12} {"seconds, median (min-max)",28}");
        foreach (var (name, samples) in new[] { ("batched", timing.Batched), ("one by one", timing.OneByOne) })
        {
            var t = Timing.Of(samples.Select(s => s * 1000).ToArray());
            Console.WriteLine($"{name,-12} {$"{t.MedianMs / 1000:F2} ({t.MinMs / 1000:F2}-{t.MaxMs / 1000:F2})",28}");
        }

        Console.WriteLine($"Batched is {timing.Speedup:F2} times as fast.");
        return timing;
    }

    private static CoarseToFineResult CoarseToFine(TorchSharp.torch.Device device, int size, int iterations, int stageIterations, InitKind init)
    {
        using var backbone = Load(BackboneCatalog.DefaultBackbone, device);
        var settings = new StyleSettings { StyleWeight = BackboneCatalog.RecommendedStyleWeight(BackboneCatalog.DefaultBackbone), Init = init };
        Console.WriteLine($"chelsea.jpg styled by starry-night.jpg, resnet18, other settings default (init {settings.Init}, {settings.Optimizer}).");
        Console.WriteLine($"Straight: {iterations} iterations at {size} px. Coarse to fine: {stageIterations} per coarser stage, then up to {iterations} at {size} px until the straight run's final loss is reached.");
        var result = CoarseToFineComparison.Run(backbone, Named("chelsea+starry-night", "chelsea.jpg", "starry-night.jpg"), settings, size, iterations, stageIterations);
        Console.WriteLine($"{"run",-16} {"stages",-12} {"full-size start: loss (content)",32} {"iterations",10} {"final loss",11} {"seconds",8} {"to target",9}");
        foreach (var (name, arm) in new[] { ("straight", result.Straight), ("coarse to fine", result.CoarseToFine) })
        {
            var reached = arm.SecondsToTarget is { } s ? s.ToString("F1", CultureInfo.InvariantCulture) : "never";
            var start = $"{arm.FullSizeStart.TotalLoss:G4} ({arm.FullSizeStart.ContentLoss:G4})";
            Console.WriteLine($"{name,-16} {string.Join("+", arm.Stages),-12} {start,32} {arm.Iterations,10} {arm.FinalLoss,11:G4} {arm.Seconds,8:F1} {reached,9}");
        }

        Console.WriteLine(result.Speedup switch
        {
            null => $"Coarse to fine did not reach the straight run's loss ({result.TargetLoss:G4}) within {iterations} iterations at full size.",
            >= 1 and var speedup => $"Coarse to fine reached the straight run's loss ({result.TargetLoss:G4}) {speedup:F2} times sooner.",
            var speedup => $"Coarse to fine reached the straight run's loss ({result.TargetLoss:G4}) but took {1 / speedup:F2} times as long.",
        });
        return result;
    }

    private static IBackbone Load(string name, TorchSharp.torch.Device device) => name == "vgg19"
        ? RandomVgg19.Create(VggSeed, PoolingKind.Average, device)
        : new BackboneCatalog(new BackboneCatalogOptions(CalibrationFolder: CliPictures.SamplesFolder)).Load(name, PoolingKind.Average, device, antiAliasing: new StyleSettings().AntiAliasing);

    private static PicturePair Named(string name, string content, string style)
    {
        var (photo, painting) = Pair(content, style);
        return new PicturePair(name, photo, painting);
    }

    private static (RgbImage Content, RgbImage Style) Pair(string content, string style) => (
        CliPictures.Read(new FileInfo(Path.Combine(CliPictures.SamplesFolder, content)), "sample picture"),
        CliPictures.Read(new FileInfo(Path.Combine(CliPictures.SamplesFolder, style)), "sample picture"));

    private static string Cell(Timing t) => $"{t.MedianMs:F1} ({t.MinMs:F1}-{t.MaxMs:F1})";

    private static string[] Names(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(v => v.ToLowerInvariant()).Distinct()];

    private static int[]? Numbers(string[]? values, string option)
    {
        var parts = Names(values);
        if (parts.Length == 0)
        {
            return null;
        }

        return [.. parts.Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= 4096
            ? n
            : throw new CliException($"{option} takes whole numbers from 1 to 4096; '{p}' is not one."))];
    }
}
