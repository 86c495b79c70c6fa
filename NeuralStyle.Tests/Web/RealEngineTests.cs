using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using NeuralStyle.Web.Data;

namespace NeuralStyle.Tests.Web;

/// <summary>The web application with the real TorchSharp engine and the embedded ResNet18, on a tiny job.</summary>
public sealed class RealEngineTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder(), realEngine: true);

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task ATinyJobOnTheRealEngineFinishesWithFallingLossAndAPictureOfTheAskedSize()
    {
        var samples = Path.Combine(FindWebRoot(), "samples");
        var client = factory.CreateClient();
        var form = TestPictures.JobForm(
            new Dictionary<string, string> { ["size"] = "48", ["iterations"] = "6", ["init"] = "content", ["seed"] = "1", ["previewEvery"] = "2" },
            await File.ReadAllBytesAsync(Path.Combine(samples, "chelsea.jpg")),
            await File.ReadAllBytesAsync(Path.Combine(samples, "starry-night.jpg")));

        var created = await client.SubmitAsync(form);
        // A second one waits while the first loads the network, so its start can be heard on the hub; shown to everyone,
        // since the hub connection below does not carry this client's cookie.
        var next = await client.SubmitAsync(TestPictures.JobForm(
            new Dictionary<string, string> { ["size"] = "48", ["iterations"] = "6", ["init"] = "content", ["seed"] = "1", ["previewEvery"] = "2", ["private"] = "false" },
            await File.ReadAllBytesAsync(Path.Combine(samples, "chelsea.jpg")),
            await File.ReadAllBytesAsync(Path.Combine(samples, "starry-night.jpg"))));
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/progress"), options =>
            {
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("started", e => started.TrySetResult(e.GetProperty("device").GetString()!));
        await hub.StartAsync();
        Assert.Equal("queued", (await hub.InvokeAsync<JsonElement>("Subscribe", next.Id)).GetProperty("state").GetString());
        var status = await client.WaitUntilFinishedAsync(created.Id, seconds: 240);
        var startedOn = await started.Task.WaitAsync(TimeSpan.FromSeconds(240));
        Assert.Equal(JobState.Succeeded, (await client.WaitUntilFinishedAsync(next.Id, seconds: 240)).State);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        Assert.Equal(48, Math.Max(TestPictures.SizeOf(await client.GetByteArrayAsync(status.ResultUrl)).Width, TestPictures.SizeOf(await client.GetByteArrayAsync(status.ResultUrl)).Height));
        // The server gives libtorch one thread per core less one (README, "GPU servers"), and says so in words.
        var threads = Math.Max(1, Environment.ProcessorCount - 1);
        var device = threads == 1 ? "CPU (1 thread)" : $"CPU ({threads} threads)";
        Assert.Equal(device, status.Device);
        Assert.Equal(device, startedOn);
        Assert.Equal(device, (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<NeuralStyle.Web.Apis.ModelList>(client, "/api/models", ApiClient.Json))!.Device);
        var losses = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<NeuralStyle.Web.Jobs.LossPoint>>(client, $"/api/jobs/{created.Id}/losses", ApiClient.Json);
        Assert.Equal(6, losses!.Count);
        Assert.True(losses[^1].Total < losses[0].Total, $"total loss went from {losses[0].Total} to {losses[^1].Total}");
    }

    [Fact]
    public async Task AnExploreGridOnTheRealEngineRunsAsOneBatchAndSavesEverySketch()
    {
        var samples = Path.Combine(FindWebRoot(), "samples");
        var client = factory.CreateClient();
        var form = TestPictures.JobForm(
            new Dictionary<string, string>
            {
                ["size"] = "200", ["iterations"] = "300", ["kind"] = "explore", ["exploreAxis"] = "ratio", ["exploreCount"] = "3",
                ["sketchSize"] = "32", ["sketchIterations"] = "5", ["init"] = "content", ["seed"] = "1",
            },
            await File.ReadAllBytesAsync(Path.Combine(samples, "chelsea.jpg")),
            await File.ReadAllBytesAsync(Path.Combine(samples, "starry-night.jpg")));

        var created = await client.SubmitAsync(form);
        var status = await client.WaitUntilFinishedAsync(created.Id, seconds: 240);

        Assert.True(status.State == JobState.Succeeded, status.Error);
        Assert.Equal((15, 15), (status.Iteration, status.Iterations));
        var sketches = new List<byte[]>();
        foreach (var sketch in status.Sketches)
        {
            sketches.Add(await client.GetByteArrayAsync(sketch.Url));
            Assert.Equal(32, Math.Max(TestPictures.SizeOf(sketches[^1]).Width, TestPictures.SizeOf(sketches[^1]).Height));
        }

        Assert.Equal(3, sketches.Select(Convert.ToHexString).Distinct().Count());
        // One batched step moves all three sketches: five recorded steps, each counting three iterations.
        var losses = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<NeuralStyle.Web.Jobs.LossPoint>>(client, $"/api/jobs/{created.Id}/losses", ApiClient.Json);
        Assert.Equal(5, losses!.Count);
    }

    private static string FindWebRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "NeuralStyle.Web", "wwwroot")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("NeuralStyle.Web/wwwroot not found above the test output."), "NeuralStyle.Web", "wwwroot");
    }
}
