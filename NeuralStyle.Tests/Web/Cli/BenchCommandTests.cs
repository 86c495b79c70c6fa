using System.Text.Json;
using NeuralStyle.Web.Cli;
using NeuralStyle.Web.Engine;

namespace NeuralStyle.Tests.Web.Cli;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bench-").FullName;

    [Fact]
    public async Task QuickBenchPrintsTheTableAndWritesPositiveMediansWithTheirRatio()
    {
        var json = Path.Combine(folder, "bench.json");

        var (code, stdout, stderr) = await CliRunner.Run("bench", "--quick", "--backbones", "resnet18", "--json", json);

        Assert.True(code == 0, stderr);
        Assert.Contains("(a) floor: fwd+bwd", stdout);
        Assert.Matches(@"resnet18\s+128\s+128x85\s", stdout);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.True(document.RootElement.GetProperty("machine").GetProperty("cores").GetInt32() >= 1);
        var row = Assert.Single(document.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("resnet18", row.GetProperty("backbone").GetString());
        Assert.Equal(128, row.GetProperty("size").GetInt32());
        // Without --threads, libtorch gets the web application's default, so the step is timed as a job runs it.
        Assert.Equal(EngineOptions.DefaultThreads == 1 ? "CPU (1 thread)" : $"CPU ({EngineOptions.DefaultThreads} threads)", row.GetProperty("device").GetString());
        var floor = row.GetProperty("floor");
        var step = row.GetProperty("step");
        Assert.Equal(2, floor.GetProperty("samples").GetArrayLength());
        Assert.Equal(2, step.GetProperty("samples").GetArrayLength());
        foreach (var timing in new[] { floor, step })
        {
            var (median, min, max) = (timing.GetProperty("medianMs").GetDouble(), timing.GetProperty("minMs").GetDouble(), timing.GetProperty("maxMs").GetDouble());
            Assert.True(min > 0 && min <= median && median <= max, $"min {min}, median {median}, max {max}");
            // Two samples: the median is their mean.
            Assert.Equal((min + max) / 2, median, 6);
        }

        // Each step over the floor pass just before it; of two such ratios the median is their mean.
        var (floors, steps) = (Samples(floor), Samples(step));
        Assert.Equal((steps[0] / floors[0] + steps[1] / floors[1]) / 2, row.GetProperty("ratio").GetDouble(), 9);
        Assert.Equal(1.0, row.GetProperty("evaluationsPerStep").GetDouble());
        Assert.True(row.GetProperty("firstPreviewMs").GetDouble() > 0);
        Assert.True(row.GetProperty("peakMemoryBytes").GetInt64() > 50L * 1024 * 1024, "the process with libtorch and ResNet18 loaded holds more than 50 MiB");
    }

    [Fact]
    public async Task ExploreBenchTimesTheGridBatchedAndOneByOne()
    {
        var json = Path.Combine(folder, "explore.json");

        var (code, stdout, stderr) = await CliRunner.Run("bench", "--explore", "2", "--sizes", "24", "--iterations", "3", "--rounds", "2", "--json", json);

        Assert.True(code == 0, stderr);
        Assert.Matches(@"Batched is \d+\.\d\d times as fast\.", stdout);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var explore = document.RootElement.GetProperty("explore");
        Assert.Equal((2, 24, 3), (explore.GetProperty("sketches").GetInt32(), explore.GetProperty("size").GetInt32(), explore.GetProperty("iterations").GetInt32()));
        foreach (var way in new[] { "batched", "oneByOne" })
        {
            Assert.Equal(2, explore.GetProperty(way).GetArrayLength());
            Assert.All(explore.GetProperty(way).EnumerateArray(), seconds => Assert.True(seconds.GetDouble() > 0));
        }
    }

    [Fact]
    public async Task ExploreBenchRefusesAGridLargerThanTheCreatePageOffers()
    {
        var (code, _, stderr) = await CliRunner.Run("bench", "--explore", "9");

        Assert.Equal(1, code);
        Assert.Contains("--explore takes 2 to 6 sketches", stderr);
    }

    [Fact]
    public async Task UnknownBackboneIsOneClearLine()
    {
        var (code, _, stderr) = await CliRunner.Run("bench", "--quick", "--backbones", "alexnet");

        Assert.Equal(1, code);
        Assert.Equal("Unknown backbone 'alexnet': choose from resnet18, vgg19.", stderr.Trim());
    }

    [Fact]
    public async Task ViewersBenchRunsTheWebApplicationsJobsWhileClientsWatchAndDownloadTheirFrames()
    {
        var json = Path.Combine(folder, "viewers.json");

        var (code, stdout, stderr) = await CliRunner.Run("bench", "--viewers", "0", "2", "--rounds", "1", "--iterations", "4", "--sizes", "64", "--threads", "1", "--json", json);

        Assert.True(code == 0, stderr);
        Assert.Contains("2 viewer(s):", stdout);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var viewers = document.RootElement.GetProperty("viewers");
        var runs = viewers.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([0, 2], runs.Select(r => r.GetProperty("viewers").GetInt32()));
        Assert.All(runs, r => Assert.Equal(0, r.GetProperty("viewerErrors").GetInt32()));
        Assert.Equal(0, runs[0].GetProperty("framesFetched").GetInt32());
        Assert.True(runs[1].GetProperty("framesFetched").GetInt32() >= 2, "each of the two viewers downloads at least the final frame");
        Assert.All(runs, r => Assert.Equal(4 / r.GetProperty("runSeconds").GetDouble(), r.GetProperty("stepsPerSecond").GetDouble(), 6));
        Assert.Equal(0.0, viewers.GetProperty("summary")[0].GetProperty("changeFromFirst").GetDouble());
    }

    [Fact]
    public async Task CoarseToFineBenchRefusesASizeWithoutACoarserStage()
    {
        var (code, _, stderr) = await CliRunner.Run("bench", "--coarse-to-fine", "--sizes", "512");

        Assert.Equal(1, code);
        Assert.Contains("at least 1024 px", stderr);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static double[] Samples(JsonElement timing) => timing.GetProperty("samples").EnumerateArray().Select(s => s.GetDouble()).ToArray();
}
