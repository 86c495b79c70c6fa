using System.Net;
using Bunit;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Tests.Support;
using NeuralStyle.Web.Components.Pages;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Tests.Web;

/// <summary>The time-lapse of a run: kept frames, the animation, its address, the gallery page and deletion.</summary>
public sealed class TimeLapseApiTests : IAsyncLifetime
{
    private readonly BunitApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ASucceededLongRunHasABoundedTimeLapseFromTheContentToTheResult()
    {
        app.Factory.Scripted.IterationTime = TimeSpan.Zero;
        var client = app.Factory.CreateClient();
        var content = TestPictures.Png(48, 32, 40);
        var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "48", ["iterations"] = "500", ["previewEvery"] = "1" }, content));
        Assert.Equal(JobState.Succeeded, (await client.WaitUntilFinishedAsync(created.Id, 60)).State);

        var response = await client.GetAsync(JobUrls.TimeLapse(created.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);
        var frames = GifFrames.Read(await response.Content.ReadAsByteArrayAsync());
        // At most 60 kept frames, then the result; at least half the bound once the sampler has thinned them.
        Assert.InRange(frames.Count, 31, 61);
        var result = ImageLoader.Load(await client.GetStreamAsync(JobUrls.Result(created.Id)), ImageLimits.Default);
        var start = ImageLoader.Load(new MemoryStream(content), ImageLimits.Default);
        Assert.True(GifFrames.Difference(frames[0].Image, start) < GifFrames.Difference(frames[0].Image, result) / 4, "the first frame should look like the content picture");
        Assert.True(GifFrames.Difference(frames[^1].Image, result) < 4, "the last frame should be the result");
        var fromStart = frames.Select(f => GifFrames.Difference(f.Image, start)).ToList();
        Assert.True(fromStart.Zip(fromStart.Skip(1), (a, b) => b >= a - 1).All(x => x), "frames should move steadily away from the start, in order");
        Assert.Equal(250, frames[^1].DelayCentiseconds);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.Factory.DataFolder, "pictures", created.Id.ToString("N")), "frame-*"));
    }

    [Fact]
    public async Task TheTimeLapseIsDeletedWithItsPicture()
    {
        var client = app.Factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "20", ["previewEvery"] = "2" }));
        await client.WaitUntilFinishedAsync(created.Id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(JobUrls.TimeLapse(created.Id))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/gallery/{created.Id}")).StatusCode);

        var gone = await client.GetAsync(JobUrls.TimeLapse(created.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("No time-lapse.", await gone.Content.ReadAsStringAsync());
        Assert.False(File.Exists(Path.Combine(app.Factory.DataFolder, "pictures", created.Id.ToString("N"), "timelapse.gif")));
    }

    [Fact]
    public async Task GalleryPageOffersToWatchThePictureBeingPaintedAndToDownloadIt()
    {
        var client = app.Factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.PublicJobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "20", ["previewEvery"] = "2" }));
        await client.WaitUntilFinishedAsync(created.Id);

        var page = app.Context.Render<GalleryItem>(p => p.Add(c => c.Id, created.Id).AddCascadingValue(new Owner("someone")));

        await page.WaitForAssertionAsync(() => Assert.NotNull(page.Find("[data-testid=result]")));
        Assert.Empty(page.FindAll("[data-testid=timelapse]"));
        Assert.Equal(JobUrls.TimeLapse(created.Id), page.Find("[data-testid=timelapse-download]").GetAttribute("href"));
        Assert.Contains("Watch it being painted", page.Markup);

        page.Find("input[data-testid=watch-toggle]").Change(true);

        Assert.Equal(JobUrls.TimeLapse(created.Id), page.Find("[data-testid=timelapse]").GetAttribute("src"));
        Assert.Empty(page.FindAll("[data-testid=result]"));
    }

    [Fact]
    public async Task ACancelledRunLeavesNoFramesBehind()
    {
        app.Factory.Scripted.IterationTime = TimeSpan.FromMilliseconds(20);
        var client = app.Factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "500", ["previewEvery"] = "1" }));
        await client.WaitForAsync(created.Id, s => s.Iteration >= 10);

        await client.DeleteAsync($"/api/jobs/{created.Id}");

        Assert.Equal(JobState.Canceled, (await client.WaitUntilFinishedAsync(created.Id)).State);
        var folder = Path.Combine(app.Factory.DataFolder, "pictures", created.Id.ToString("N"));
        // The worker records the outcome first, then tidies up.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.EnumerateFiles(folder, "frame-*").Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Empty(Directory.EnumerateFiles(folder, "frame-*"));
        Assert.False(File.Exists(Path.Combine(folder, "timelapse.gif")));
    }
}
