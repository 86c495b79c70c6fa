using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Tests.Web;

public sealed class ProgressHubTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task HubClientSeesProgressFramesAndTheEndOfAJob()
    {
        factory.Scripted.Gate.Reset();
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.PublicJobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "12", ["previewEvery"] = "4" }));
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/progress"), options =>
            {
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .Build();
        var progress = new ConcurrentQueue<JobProgressed>();
        var frames = new ConcurrentQueue<JobFrameReady>();
        var finished = new TaskCompletionSource<JobFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JobProgressed>("progress", progress.Enqueue);
        connection.On<JobFrameReady>("frame", frames.Enqueue);
        connection.On<JobFinished>("finished", f => finished.TrySetResult(f));
        await connection.StartAsync();

        var now = await connection.InvokeAsync<JobStatus?>("Subscribe", created.Id);
        factory.Scripted.Gate.Set();
        var done = await finished.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(created.Id, now!.Id);
        Assert.Contains(now.State, new[] { JobState.Queued, JobState.Running });
        Assert.Equal(JobState.Succeeded, done.State);
        Assert.Null(done.Error);
        Assert.Contains(progress, p => p.Iteration == 12 && p.SecondsLeft == 0);
        Assert.All(progress, p => Assert.Equal(1000.0 / p.Iteration, p.StyleLoss, 6));
        Assert.Contains(frames, f => f.Iteration == 12 && f.PreviewUrl == $"/api/jobs/{created.Id}/preview?v=12");
        var preview = await client.GetAsync(frames.Last().PreviewUrl);
        Assert.Equal("image/jpeg", preview.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task HubClientHearsOfEachSketchOfAnExploreGridAsItIsReady()
    {
        factory.Scripted.Gate.Reset();
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.PublicJobForm(new Dictionary<string, string>
        {
            ["kind"] = "explore", ["exploreCount"] = "3", ["sketchSize"] = "16", ["sketchIterations"] = "2",
        }));
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/progress"), options =>
            {
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .Build();
        var sketches = new ConcurrentQueue<JobSketchReady>();
        var finished = new TaskCompletionSource<JobFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JobSketchReady>("sketch", sketches.Enqueue);
        connection.On<JobFinished>("finished", f => finished.TrySetResult(f));
        await connection.StartAsync();

        await connection.InvokeAsync<JobStatus?>("Subscribe", created.Id);
        factory.Scripted.Gate.Set();
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal([0, 1, 2], sketches.Select(s => s.Index));
        Assert.Equal($"/api/jobs/{created.Id}/sketch/2", sketches.Last().Url);
    }

    [Fact]
    public async Task ALateWatcherOfAJobThatHasEndedHearsFinishedAtOnce()
    {
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.PublicJobForm());
        await client.WaitUntilFinishedAsync(created.Id);
        await using var connection = Connection();
        var finished = new TaskCompletionSource<JobFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JobFinished>("finished", f => finished.TrySetResult(f));
        await connection.StartAsync();

        var now = await connection.InvokeAsync<JobStatus?>("Subscribe", created.Id);
        var done = await finished.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(JobState.Succeeded, now!.State);
        Assert.Equal((created.Id, JobState.Succeeded), (done.JobId, done.State));
    }

    [Theory]
    [InlineData("abc", "\"abc\" is not a job id: give the id that POST /api/jobs answered, like \"00000000-0000-0000-0000-000000000000\".")]
    [InlineData(42, "42 is not a job id: give the id that POST /api/jobs answered, like \"00000000-0000-0000-0000-000000000000\".")]
    public async Task SubscribingWithSomethingThatIsNotAJobIdIsRefusedWithASentence(object argument, string sentence)
    {
        await using var connection = Connection();
        await connection.StartAsync();

        var refusal = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JobStatus?>("Subscribe", argument));

        Assert.EndsWith(sentence, refusal.Message);
    }

    private HubConnection Connection() => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/progress"), options =>
        {
            options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
        })
        .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
        .Build();
}
