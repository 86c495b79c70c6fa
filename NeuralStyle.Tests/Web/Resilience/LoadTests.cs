using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Apis;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using Xunit.Abstractions;

namespace NeuralStyle.Tests.Web.Resilience;

/// <summary>
/// The real server process on 127.0.0.1 (Kestrel, real sockets, real engine) with SignalR watchers and
/// browser-like pollers while small jobs go through the queue. CI: 50 watchers, 20 pollers, 20 jobs at 32 px
/// (23 s on a quiet 2-core machine,
/// 1 min 50 s at load 20; docs/RESILIENCE.md); NEURALSTYLE_RESILIENCE_SCALE=10 makes it 500 watchers, 200 pollers and 200 jobs.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output) : IDisposable
{
    // While the optimisation keeps the cores busy, 95 of 100 page and API requests must still answer within this.
    private static readonly TimeSpan P95Bound = TimeSpan.FromSeconds(2);

    private readonly string dataFolder = StyleAppFactory.NewDataFolder();

    public void Dispose() => Directory.Delete(dataFolder, recursive: true);

    [Fact]
    public async Task FiftyWatchersAndTwentyPollersSeeEveryJobFinishExactlyOnceWhileThePagesKeepAnswering()
    {
        using var app = await AppProcess.StartAsync(dataFolder);
        var (jobCount, watcherCount, pollerCount) = (ResilienceScale.Times(20), ResilienceScale.Times(50), ResilienceScale.Times(20));
        var watchers = await Task.WhenAll(Enumerable.Range(0, watcherCount).Select(_ => Watcher.ConnectAsync(app.Address)));

        using var stop = new CancellationTokenSource();
        var samples = new ConcurrentBag<Sample>();
        var jobs = new List<Guid>();
        var pollers = Enumerable.Range(0, pollerCount).Select(index => Task.Run(() => PollAsync(app, index, jobs, samples, stop.Token))).ToList();

        var clock = Stopwatch.StartNew();
        using var submitter = app.Client();
        for (var i = 0; i < jobCount; i++)
        {
            var id = (await submitter.SubmitAsync(TestPictures.PublicJobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "10", ["seed"] = $"{i}", ["previewEvery"] = "5" }))).Id;
            lock (jobs)
            {
                jobs.Add(id);
            }

            for (var w = i; w < watcherCount; w += jobCount)
            {
                await watchers[w].SubscribeAsync(id);
            }
        }

        var finals = new List<JobStatus>();
        foreach (var id in jobs)
        {
            finals.Add(await submitter.WaitUntilFinishedAsync(id, seconds: 240));
        }

        var elapsed = clock.Elapsed;
        var allDone = Stopwatch.GetTimestamp();
        await Task.Delay(500); // room for a late duplicate "finished" to arrive
        await stop.CancelAsync();
        await Task.WhenAll(pollers);

        Report(samples, watchers, jobCount, pollerCount, elapsed);
        Assert.All(finals, f => Assert.True(f.State == JobState.Succeeded, $"{f.Id}: {f.State} {f.Error}"));
        var gallery = await submitter.GetFromJsonAsync<GalleryPage>("/api/gallery?pageSize=100", ApiClient.Json);
        Assert.Equal(jobs.ToHashSet(), gallery!.Items.Select(i => i.Id).ToHashSet());
        Assert.Equal(jobCount, gallery.Total);
        foreach (var watcher in watchers)
        {
            var finished = watcher.Finished.ToList();
            Assert.True(finished.Count == 1 || (finished.Count == 0 && watcher.SawFinishedOnSubscribe), $"Watcher of {watcher.JobId} got {finished.Count} 'finished' events.");
            Assert.All(finished, f => Assert.Equal((watcher.JobId, JobState.Succeeded), (f.JobId, f.State)));
            Assert.True(watcher.Errors.IsEmpty, string.Join("\n", watcher.Errors));
        }

        Assert.DoesNotContain(samples, s => s.Status is 0 or >= 400);
        // The queue never runs dry until the last job ends, so every request answered before then met a busy engine.
        var duringRuns = samples.Where(s => s.EndedAt < allDone).Select(s => s.Milliseconds).Order().ToList();
        Assert.True(duringRuns.Count >= pollerCount, $"Only {duringRuns.Count} requests were answered while a job ran.");
        Assert.True(Percentile(duringRuns, 0.95) < P95Bound.TotalMilliseconds, $"p95 while jobs ran: {Percentile(duringRuns, 0.95):0} ms.");
        await Task.WhenAll(watchers.Select(w => w.DisposeAsync().AsTask()));
    }

    // One browser: the job page's status call for a random job, the gallery's API, the gallery page, in a loop.
    private static async Task PollAsync(AppProcess app, int index, List<Guid> jobs, ConcurrentBag<Sample> samples, CancellationToken stop)
    {
        using var client = app.Client();
        var random = new Random(index);
        while (!stop.IsCancellationRequested)
        {
            Guid? job;
            lock (jobs)
            {
                job = jobs.Count > 0 ? jobs[random.Next(jobs.Count)] : null;
            }

            foreach (var (kind, url) in new[] { ("status API", job is { } id ? $"/api/jobs/{id}" : null), ("gallery API", "/api/gallery"), ("gallery page", "/gallery") })
            {
                if (url is null)
                {
                    continue;
                }

                var clock = Stopwatch.StartNew();
                int status;
                try
                {
                    using var response = await client.GetAsync(url, CancellationToken.None);
                    await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                samples.Add(new Sample(kind, clock.Elapsed.TotalMilliseconds, status, Stopwatch.GetTimestamp()));
            }

            await Task.Delay(random.Next(50, 150), CancellationToken.None);
        }
    }

    private void Report(ConcurrentBag<Sample> samples, Watcher[] watchers, int jobs, int pollers, TimeSpan elapsed)
    {
        output.WriteLine($"{jobs} jobs (32 px, 10 iterations, real ResNet18), {watchers.Length} SignalR watchers ({watchers.Count(w => w.SawFinishedOnSubscribe)} subscribed after their job ended), {pollers} pollers: all jobs done in {elapsed.TotalSeconds:0.0} s, {samples.Count} requests, {Environment.ProcessorCount} cores.");
        foreach (var group in samples.GroupBy(s => s.Kind).OrderBy(g => g.Key))
        {
            var times = group.Select(s => s.Milliseconds).Order().ToList();
            output.WriteLine($"  {group.Key,-13} n={times.Count,5}  median {Percentile(times, 0.5),6:0.0} ms  p95 {Percentile(times, 0.95),7:0.0} ms  max {times[^1],7:0.0} ms");
        }
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

    private sealed record Sample(string Kind, double Milliseconds, int Status, long EndedAt);

    /// <summary>One SignalR client over WebSockets, subscribed to one job.</summary>
    private sealed class Watcher(HubConnection connection) : IAsyncDisposable
    {
        public Guid JobId { get; private set; }

        public bool SawFinishedOnSubscribe { get; private set; }

        public ConcurrentQueue<JobFinished> Finished { get; } = new();

        public ConcurrentQueue<string> Errors { get; } = new();

        public static async Task<Watcher> ConnectAsync(Uri server)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(server, "/hubs/progress"), options => options.Transports = HttpTransportType.WebSockets)
                .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
                .Build();
            var watcher = new Watcher(connection);
            connection.On<JobFinished>("finished", watcher.Finished.Enqueue);
            connection.Closed += error =>
            {
                if (error is not null)
                {
                    watcher.Errors.Enqueue(error.Message);
                }

                return Task.CompletedTask;
            };
            await connection.StartAsync();
            return watcher;
        }

        public async Task SubscribeAsync(Guid jobId)
        {
            JobId = jobId;
            var now = await connection.InvokeAsync<JobStatus?>("Subscribe", jobId);
            SawFinishedOnSubscribe = now?.State is JobState.Succeeded or JobState.Failed or JobState.Canceled;
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
