using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NeuralStyle.Engine.Benchmarks;
using NeuralStyle.Web.Hubs;

namespace NeuralStyle.Web.Cli;

/// <summary>One job of the viewer benchmark.</summary>
/// <param name="Viewers">Clients watching it live.</param>
/// <param name="Round">Which repetition (viewer counts alternate within a round).</param>
/// <param name="Iterations">Iterations the job ran.</param>
/// <param name="RunSeconds">The job's run time as the server recorded it (targets included, model already loaded).</param>
/// <param name="StepsPerSecond">Iterations over run time.</param>
/// <param name="FramesFetched">Preview frames the viewers downloaded between them.</param>
/// <param name="ViewerErrors">Failed frame downloads or hub calls.</param>
public sealed record ViewerRun(int Viewers, int Round, int Iterations, double RunSeconds, double StepsPerSecond, int FramesFetched, int ViewerErrors);

/// <summary>One viewer count's runs: their run time, steps per second at the median, and its change from the first count's.</summary>
public sealed record ViewerSummary(int Viewers, Timing Run, double StepsPerSecond, double ChangeFromFirst);

/// <summary>
/// Issue 5's "steps per second with 0, 1 and 10 viewers": the real web application in a child process runs the same
/// small job again and again while N clients watch each one as the Watch page does (subscribed to the progress hub,
/// downloading every preview frame it announces). Viewer counts alternate within each round, so a shared machine's
/// swings in load fall on all of them alike.
/// </summary>
internal static class ViewerBenchmark
{
    public static async Task<(IReadOnlyList<ViewerRun> Runs, IReadOnlyList<ViewerSummary> Summary)> RunAsync(
        IReadOnlyList<int> viewerCounts, int rounds, int size, int iterations, int threads, string device)
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["NeuralStyle:Storage:DataFolder"] = Directory.CreateTempSubdirectory("neuralstyle-bench-").FullName,
            ["NeuralStyle:Engine:Threads"] = threads.ToString(CultureInfo.InvariantCulture),
            ["NeuralStyle:Engine:Device"] = device,
            ["NeuralStyle:Limits:RequestsPerMinute"] = "1000000",
            ["NeuralStyle:Limits:SubmissionsPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        }, TimeSpan.FromMinutes(2));
        using var http = new HttpClient { BaseAddress = server.Address };
        Console.WriteLine($"Server at {server.Address}; each job: chelsea.jpg styled by starry-night.jpg, resnet18, {size} px, {iterations} iterations, a frame at most every 500 ms.");

        // The first job loads the network on the worker thread; it is not measured.
        await RunJobAsync(http, server.Address, 0, size, iterations);
        var runs = new List<ViewerRun>();
        Console.WriteLine($"{"viewers",7} {"round",5} {"run s",7} {"steps/s",8} {"frames",6} {"errors",6}");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var viewers in viewerCounts)
            {
                var run = await RunJobAsync(http, server.Address, viewers, size, iterations) with { Round = round };
                runs.Add(run);
                Console.WriteLine($"{run.Viewers,7} {run.Round,5} {run.RunSeconds,7:F2} {run.StepsPerSecond,8:F2} {run.FramesFetched,6} {run.ViewerErrors,6}");
            }
        }

        var timings = viewerCounts.Select(v => (Viewers: v, Run: Timing.Of([.. runs.Where(r => r.Viewers == v).Select(r => r.RunSeconds * 1000)]))).ToList();
        var first = timings[0].Run.MedianMs;
        var summary = timings.Select(t => new ViewerSummary(t.Viewers, t.Run, iterations / (t.Run.MedianMs / 1000), (first / t.Run.MedianMs) - 1)).ToList();
        foreach (var row in summary)
        {
            Console.WriteLine($"{row.Viewers} viewer(s): {row.StepsPerSecond:F2} steps/s at the median run, {row.ChangeFromFirst:+0.0%;-0.0%;0.0%} against {viewerCounts[0]}.");
        }

        return (runs, summary);
    }

    private static async Task<ViewerRun> RunJobAsync(HttpClient http, Uri address, int viewerCount, int size, int iterations)
    {
        var watchers = new List<Watcher>();
        try
        {
            for (var i = 0; i < viewerCount; i++)
            {
                watchers.Add(await Watcher.ConnectAsync(address));
            }

            var id = await SubmitAsync(http, size, iterations);
            await Task.WhenAll(watchers.Select(w => w.SubscribeAsync(id)));
            var status = await WaitUntilFinishedAsync(http, id);
            if (status.GetProperty("state").GetString() != "succeeded")
            {
                throw new CliException($"A benchmark job did not succeed: {status.GetProperty("error")}");
            }

            await Task.WhenAll(watchers.Select(w => w.Finished.WaitAsync(TimeSpan.FromSeconds(30))));
            var seconds = status.GetProperty("durationSeconds").GetDouble();
            return new ViewerRun(viewerCount, 0, iterations, seconds, iterations / seconds, watchers.Sum(w => w.Frames), watchers.Sum(w => w.Errors));
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                await watcher.DisposeAsync();
            }
        }
    }

    private static async Task<Guid> SubmitAsync(HttpClient http, int size, int iterations)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(size.ToString(CultureInfo.InvariantCulture)), "size" },
            { new StringContent(iterations.ToString(CultureInfo.InvariantCulture)), "iterations" },
            { new StringContent("resnet18"), "backbone" },
            // Shown to everyone: the viewers are other visitors, who would not see a private job.
            { new StringContent("false"), "private" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(CliPictures.SamplesFolder, "chelsea.jpg"))), "content", "chelsea.jpg" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(CliPictures.SamplesFolder, "starry-night.jpg"))), "style", "starry-night.jpg" },
        };
        var response = await http.PostAsync("/api/jobs", form);
        if (!response.IsSuccessStatusCode)
        {
            throw new CliException($"The server refused a benchmark job ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> WaitUntilFinishedAsync(HttpClient http, Guid id)
    {
        while (true)
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
            if (status.GetProperty("state").GetString() is not ("queued" or "running"))
            {
                return status;
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>A client watching one job as the Watch page does: hub events, and every announced frame downloaded.</summary>
    private sealed class Watcher : IAsyncDisposable
    {
        private readonly HubConnection hub;
        private readonly HttpClient http;
        private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int frames;
        private int errors;

        private Watcher(Uri address)
        {
            http = new HttpClient { BaseAddress = address };
            hub = new HubConnectionBuilder().WithUrl(new Uri(address, ProgressHub.Path)).Build();
            hub.On<JsonElement>("frame", frame => _ = FetchAsync(frame.GetProperty("previewUrl").GetString()!));
            hub.On<JsonElement>("finished", _ => finished.TrySetResult());
        }

        public Task Finished => finished.Task;

        public int Frames => frames;

        public int Errors => errors;

        public static async Task<Watcher> ConnectAsync(Uri address)
        {
            var watcher = new Watcher(address);
            await watcher.hub.StartAsync();
            return watcher;
        }

        public async Task SubscribeAsync(Guid id)
        {
            try
            {
                await hub.InvokeAsync<JsonElement?>("Subscribe", id);
            }
            catch (Exception e) when (e is HubException or InvalidOperationException)
            {
                Interlocked.Increment(ref errors);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await hub.DisposeAsync();
            http.Dispose();
        }

        private async Task FetchAsync(string url)
        {
            try
            {
                using var response = await http.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref frames : ref errors);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
        }
    }
}
