using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Apis;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Tests.Web;

/// <summary>Nothing lost: atomic picture writes, SQLite in WAL mode, the start-up sweep, and a data folder that refuses writes.</summary>
public sealed class DurableStorageTests : IDisposable
{
    private readonly string dataFolder = StyleAppFactory.NewDataFolder();

    public void Dispose() => Directory.Delete(dataFolder, recursive: true);

    [Fact]
    public async Task TheDatabaseRunsInWriteAheadLogMode()
    {
        using var app = new StyleAppFactory(dataFolder, concurrency: 0);
        _ = app.Server;

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<StyleDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task SavingOverAPictureReplacesItWholeAndLeavesNoTemporaryFile()
    {
        using var app = new StyleAppFactory(dataFolder, concurrency: 0);
        var pictures = app.Services.GetRequiredService<PictureStore>();
        var id = Guid.NewGuid();

        await pictures.SaveAsync(id, PictureKind.Content, 0, [1, 2, 3, 4, 5, 6]);
        pictures.Save(id, PictureKind.Content, 0, [7, 8]);

        using (var stream = pictures.Open(id, PictureKind.Content)!)
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy);
            Assert.Equal([7, 8], copy.ToArray());
        }

        Assert.Equal(["content.png"], Directory.GetFiles(FolderOf(id)).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AWriteThatCannotBeRenamedIntoPlaceThrowsAndLeavesNoTemporaryFile()
    {
        using var app = new StyleAppFactory(dataFolder, concurrency: 0);
        var pictures = app.Services.GetRequiredService<PictureStore>();
        var id = Guid.NewGuid();
        Directory.CreateDirectory(Path.Combine(FolderOf(id), "result.png"));

        Assert.ThrowsAny<IOException>(() => pictures.Save(id, PictureKind.Result, 0, [1, 2, 3]));
        await Assert.ThrowsAnyAsync<IOException>(() => pictures.SaveAsync(id, PictureKind.Result, 0, [1, 2, 3]));

        Assert.Empty(Directory.GetFiles(FolderOf(id)));
    }

    [Fact]
    public async Task ASucceededJobWhoseResultWasLostIsFailedWithItsReasonAtTheNextStart()
    {
        Guid kept, lost;
        using (var before = new StyleAppFactory(dataFolder))
        {
            var client = before.CreateClient();
            kept = (await client.SubmitAsync(TestPictures.PublicJobForm())).Id;
            lost = (await client.SubmitAsync(TestPictures.PublicJobForm())).Id;
            await client.WaitUntilFinishedAsync(kept);
            Assert.Equal(JobState.Succeeded, (await client.WaitUntilFinishedAsync(lost)).State);
        }

        File.Delete(Path.Combine(FolderOf(lost), "result.png"));

        using var after = new StyleAppFactory(dataFolder, concurrency: 0);
        var again = after.CreateClient();
        var status = await again.StatusAsync(lost);
        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal("The result file was lost; run it again.", status.Error);
        var gallery = await again.GetFromJsonAsync<GalleryPage>("/api/gallery", ApiClient.Json);
        Assert.Equal([kept], gallery!.Items.Select(i => i.Id));
        Assert.Equal(JobState.Succeeded, (await again.StatusAsync(kept)).State);
    }

    [Fact]
    public async Task PictureFoldersWithoutAJobAndUnfinishedWritesAreRemovedAtTheNextStart()
    {
        Guid kept;
        using (var before = new StyleAppFactory(dataFolder))
        {
            var client = before.CreateClient();
            kept = (await client.SubmitAsync(TestPictures.PublicJobForm())).Id;
            await client.WaitUntilFinishedAsync(kept);
        }

        var orphan = FolderOf(Guid.NewGuid());
        Directory.CreateDirectory(orphan);
        await File.WriteAllBytesAsync(Path.Combine(orphan, "content.png"), TestPictures.Png(8, 8, 0));
        var unfinished = Path.Combine(FolderOf(kept), $"result.png.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(unfinished, [1, 2, 3]);
        var notAJob = Path.Combine(dataFolder, "pictures", "notes");
        Directory.CreateDirectory(notAJob);

        using var after = new StyleAppFactory(dataFolder, concurrency: 0);
        var again = after.CreateClient();

        Assert.False(Directory.Exists(orphan));
        Assert.False(File.Exists(unfinished));
        Assert.True(Directory.Exists(notAJob), "A folder that is not named by a job id is not ours to remove.");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/api/jobs/{kept}/result")).StatusCode);
    }

    // Tests run as root here, for whom a read-only folder still takes writes; a directory standing where the result
    // must go makes the final rename fail the same way a read-only or full data folder does.
    [Fact]
    public async Task AResultThatCannotBeWrittenFailsItsJobWithTheReasonAndTheServerGoesOn()
    {
        Guid earlier, unwritable;
        using (var before = new StyleAppFactory(dataFolder))
        {
            var client = before.CreateClient();
            earlier = (await client.SubmitAsync(TestPictures.PublicJobForm())).Id;
            await client.WaitUntilFinishedAsync(earlier);
        }

        using (var paused = new StyleAppFactory(dataFolder, concurrency: 0))
        {
            unwritable = (await paused.CreateClient().SubmitAsync(TestPictures.PublicJobForm())).Id;
        }

        Directory.CreateDirectory(Path.Combine(FolderOf(unwritable), "result.png"));

        using var after = new StyleAppFactory(dataFolder);
        var again = after.CreateClient();
        var status = await again.WaitUntilFinishedAsync(unwritable);
        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(JobWorker.CouldNotSave, status.Error);
        Assert.Equal("Could not save the result: the data folder is read-only or full.", status.Error);
        Assert.DoesNotContain(Directory.GetFiles(FolderOf(unwritable)), file => file.EndsWith(".tmp", StringComparison.Ordinal));

        var gallery = await again.GetFromJsonAsync<GalleryPage>("/api/gallery", ApiClient.Json);
        Assert.Equal([earlier], gallery!.Items.Select(i => i.Id));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(gallery.Items[0].ThumbnailUrl)).StatusCode);

        var next = (await again.SubmitAsync(TestPictures.PublicJobForm())).Id;
        Assert.Equal(JobState.Succeeded, (await again.WaitUntilFinishedAsync(next)).State);
    }

    // As above, root writes through a read-only folder; a file standing where the picture folders go refuses every write.
    [Fact]
    public async Task PicturesThatCannotBeStoredRefuseTheSubmissionWithTheReasonAndTheGalleryStillAnswers()
    {
        using var app = new StyleAppFactory(dataFolder);
        var client = app.CreateClient();
        var earlier = (await client.SubmitAsync(TestPictures.PublicJobForm())).Id;
        await client.WaitUntilFinishedAsync(earlier);
        var picturesFolder = Path.Combine(dataFolder, "pictures");
        Directory.Move(picturesFolder, picturesFolder + "-away");
        await File.WriteAllBytesAsync(picturesFolder, []);

        var response = await client.PostAsync("/api/jobs", TestPictures.PublicJobForm());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal("Could not store the pictures: the data folder is read-only or full.", problem!.Errors["storage"].Single());
        var gallery = await client.GetFromJsonAsync<GalleryPage>("/api/gallery", ApiClient.Json);
        Assert.Equal([earlier], gallery!.Items.Select(i => i.Id));
        Assert.Single(await app.Services.GetRequiredService<JobStore>().IdsAsync());

        File.Delete(picturesFolder);
        Directory.Move(picturesFolder + "-away", picturesFolder);
        var next = (await client.SubmitAsync(TestPictures.PublicJobForm())).Id;
        Assert.Equal(JobState.Succeeded, (await client.WaitUntilFinishedAsync(next)).State);
    }

    private string FolderOf(Guid id) => Path.Combine(dataFolder, "pictures", id.ToString("N"));
}
