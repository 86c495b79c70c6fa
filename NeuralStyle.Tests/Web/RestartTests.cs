using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Apis;
using NeuralStyle.Web.Data;

namespace NeuralStyle.Tests.Web;

public sealed class RestartTests : IDisposable
{
    private readonly string dataFolder = StyleAppFactory.NewDataFolder();

    public void Dispose() => Directory.Delete(dataFolder, recursive: true);

    [Fact]
    public async Task JobsQueuedBeforeARestartRunAfterItAndTheGalleryIsKept()
    {
        Guid finished, waiting;
        using (var before = new StyleAppFactory(dataFolder))
        {
            var client = before.CreateClient();
            finished = (await client.SubmitAsync(TestPictures.PublicJobForm())).Id;
            await client.WaitUntilFinishedAsync(finished);
        }

        using (var paused = new StyleAppFactory(dataFolder, concurrency: 0))
        {
            var client = paused.CreateClient();
            waiting = (await client.SubmitAsync(TestPictures.PublicJobForm())).Id;
            var status = await client.StatusAsync(waiting);
            Assert.Equal(JobState.Queued, status.State);
            Assert.Equal(1, status.QueuePosition);
        }

        using var after = new StyleAppFactory(dataFolder);
        var again = after.CreateClient();
        Assert.Equal(JobState.Succeeded, (await again.WaitUntilFinishedAsync(waiting)).State);
        var gallery = await again.GetFromJsonAsync<GalleryPage>("/api/gallery", ApiClient.Json);
        Assert.Equal([waiting, finished], gallery!.Items.Select(i => i.Id));
        Assert.NotEmpty(await again.GetByteArrayAsync($"/api/jobs/{finished}/result"));
    }

    [Fact]
    public async Task TheDatabaseIsBuiltByMigrationsInTheDataFolder()
    {
        using var app = new StyleAppFactory(dataFolder, concurrency: 0);
        _ = app.Server;

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<StyleDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.True(File.Exists(Path.Combine(dataFolder, "neuralstyle.db")));
    }

    [Fact]
    public async Task AJobInterruptedByAStopStartsAgainAfterTheRestart()
    {
        Guid interrupted;
        using (var before = new StyleAppFactory(dataFolder))
        {
            before.Scripted.IterationTime = TimeSpan.FromMilliseconds(50);
            var client = before.CreateClient();
            interrupted = (await client.SubmitAsync(TestPictures.PublicJobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "1000" }))).Id;
            await client.WaitForAsync(interrupted, s => s.Iteration >= 1);
        }

        using var after = new StyleAppFactory(dataFolder, concurrency: 0);
        var status = await after.CreateClient().StatusAsync(interrupted);
        Assert.Equal(JobState.Queued, status.State);
        Assert.Equal(1, status.QueuePosition);
        Assert.Contains("starts again from the beginning", status.Error);
    }
}
