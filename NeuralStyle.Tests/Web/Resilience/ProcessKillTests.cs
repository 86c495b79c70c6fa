using System.Net;
using System.Net.Http.Json;
using NeuralStyle.Web.Apis;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using Xunit.Abstractions;

namespace NeuralStyle.Tests.Web.Resilience;

/// <summary>
/// SIGKILL of the real server process (no shutdown hook runs), then a start on the same data folder: nothing that was
/// waiting is lost, the interrupted run starts over, and no gallery entry points at a missing file. Real engine
/// (the embedded ResNet18) at 64 px, so a run lasts seconds. CI submits 4 jobs (14 s on a quiet 2-core
/// machine, 45 s at load 20; the delete test 6 s and 20 s); NEURALSTYLE_RESILIENCE_SCALE=10 submits 40 and 80.
/// </summary>
public sealed class ProcessKillTests(ITestOutputHelper output) : IDisposable
{
    private static readonly Dictionary<string, string> TinyRun = new() { ["size"] = "64", ["iterations"] = "30", ["seed"] = "1" };

    private readonly string dataFolder = StyleAppFactory.NewDataFolder();

    public void Dispose() => Directory.Delete(dataFolder, recursive: true);

    [Fact]
    public async Task AfterAKillDuringARunTheWaitingJobsRunTheInterruptedOneStartsOverAndEveryResultDownloads()
    {
        var jobs = new List<Guid>();
        using (var before = await AppProcess.StartAsync(dataFolder))
        using (var client = before.Client())
        {
            for (var i = 0; i < ResilienceScale.Times(4); i++)
            {
                jobs.Add((await client.SubmitAsync(TestPictures.PublicJobForm(TinyRun))).Id);
            }

            var running = await client.WaitForAsync(jobs[0], s => s is { State: JobState.Running, Iteration: >= 2 }, seconds: 120);
            before.Kill();
            output.WriteLine($"Killed the server (pid {before.Id}) at iteration {running.Iteration} of the first job.");
        }

        using (var paused = await AppProcess.StartAsync(dataFolder, new Dictionary<string, string> { ["NeuralStyle:Jobs:Concurrency"] = "0" }))
        using (var client = paused.Client())
        {
            var statuses = new List<JobStatus>();
            foreach (var id in jobs)
            {
                statuses.Add(await client.StatusAsync(id));
            }

            Assert.All(statuses, s => Assert.Equal(JobState.Queued, s.State));
            Assert.Equal(Enumerable.Range(1, jobs.Count), statuses.Select(s => s.QueuePosition ?? 0));
            Assert.Contains("starts again from the beginning", statuses[0].Error);
            Assert.False(File.Exists(ResultFile(jobs[0])));
        }

        using var after = await AppProcess.StartAsync(dataFolder);
        using var again = after.Client();
        foreach (var id in jobs)
        {
            var status = await again.WaitUntilFinishedAsync(id, seconds: 180);
            Assert.True(status.State == JobState.Succeeded, $"{id}: {status.State} {status.Error}\n{after.Output}");
            Assert.Null(status.Error);
        }

        var gallery = await again.GetFromJsonAsync<GalleryPage>("/api/gallery?pageSize=100", ApiClient.Json);
        Assert.Equal(jobs.AsEnumerable().Reverse(), gallery!.Items.Select(i => i.Id));
        await AssertEveryEntryDownloadsAsync(again, gallery);
    }

    [Fact]
    public async Task AKillDuringDeletesLeavesNoEntryWithoutItsPictureAndNoPictureFolderWithoutItsJob()
    {
        var jobs = new List<Guid>();
        int deletedBeforeKill;
        using (var before = await AppProcess.StartAsync(dataFolder))
        using (var client = before.Client())
        {
            for (var i = 0; i < ResilienceScale.Times(8); i++)
            {
                jobs.Add((await client.SubmitAsync(TestPictures.PublicJobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "2" }))).Id);
            }

            foreach (var id in jobs)
            {
                Assert.Equal(JobState.Succeeded, (await client.WaitUntilFinishedAsync(id, seconds: 180)).State);
            }

            // All deletes at once; the kill follows the first answer, so some are done, some in flight, some not begun.
            var deletes = jobs.Select(id => Task.Run(() => client.DeleteAsync($"/api/gallery/{id}"))).ToList();
            await Task.WhenAny(deletes);
            before.Kill();
            deletedBeforeKill = deletes.Count(d => d.IsCompletedSuccessfully && d.Result.StatusCode == HttpStatusCode.NoContent);
        }

        using var after = await AppProcess.StartAsync(dataFolder, new Dictionary<string, string> { ["NeuralStyle:Jobs:Concurrency"] = "0" });
        using var again = after.Client();
        var gallery = await again.GetFromJsonAsync<GalleryPage>("/api/gallery?pageSize=100", ApiClient.Json);
        output.WriteLine($"{deletedBeforeKill} deletes answered before the kill; {jobs.Count - gallery!.Total} of {jobs.Count} jobs are gone after the restart.");

        Assert.InRange(gallery.Total, 0, jobs.Count - deletedBeforeKill);
        await AssertEveryEntryDownloadsAsync(again, gallery);
        var kept = gallery.Items.Select(i => i.Id).ToHashSet();
        foreach (var id in jobs.Where(id => !kept.Contains(id)))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync($"/api/jobs/{id}")).StatusCode);
            Assert.False(Directory.Exists(FolderOf(id)), $"{id} is deleted but its picture folder is still there.");
        }
    }

    private static async Task AssertEveryEntryDownloadsAsync(HttpClient client, GalleryPage gallery)
    {
        foreach (var entry in gallery.Items)
        {
            var result = await client.GetAsync(entry.ResultUrl);
            Assert.Equal(HttpStatusCode.OK, result.StatusCode);
            var bytes = await result.Content.ReadAsByteArrayAsync();
            Assert.Equal(Math.Max(entry.Width, entry.Height), Math.Max(TestPictures.SizeOf(bytes).Width, TestPictures.SizeOf(bytes).Height));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(entry.ThumbnailUrl)).StatusCode);
        }
    }

    private string FolderOf(Guid id) => Path.Combine(dataFolder, "pictures", id.ToString("N"));

    private string ResultFile(Guid id) => Path.Combine(FolderOf(id), "result.png");
}
