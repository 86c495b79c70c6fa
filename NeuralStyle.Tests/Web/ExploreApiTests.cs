using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Tests.Web;

/// <summary>Explore grids and network views through <c>POST /api/jobs</c>, run by the scripted engine.</summary>
public sealed class ExploreApiTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task ExploreJobRunsEachVariantSmallAndServesThemWithALinkToPaintEach()
    {
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string>
        {
            ["size"] = "200", ["iterations"] = "300", ["kind"] = "explore", ["exploreAxis"] = "ratio", ["exploreCount"] = "3",
            ["sketchSize"] = "24", ["sketchIterations"] = "4", ["styleWeight"] = "1000",
        }));

        var status = await client.WaitUntilFinishedAsync(created.Id);

        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal(JobKind.Explore, status.Settings.Kind);
        Assert.Equal(12, status.Iterations);
        Assert.Equal(12, status.Iteration);
        // Titled by how much style each has next to the chosen balance: beta 10, 1,000 and 100,000.
        Assert.Equal(["Style ×1/100", "Your balance", "Style ×100"], status.Sketches.Select(s => s.Title));
        foreach (var sketch in status.Sketches)
        {
            Assert.Equal($"/api/jobs/{created.Id}/sketch/{sketch.Index}", sketch.Url);
            Assert.Equal($"/create?from={created.Id}&sketch={sketch.Index}", sketch.PaintUrl);
            // The content picture is 48x32: sketches are 24 px on the long side.
            Assert.Equal((24, 16), TestPictures.SizeOf(await client.GetByteArrayAsync(sketch.Url)));
        }

        // The result puts the three side by side with 8 px between them; the gallery's thumbnail shows them two by two.
        Assert.Equal((3 * 24 + 2 * 8, 16), TestPictures.SizeOf(await client.GetByteArrayAsync(status.ResultUrl)));
        Assert.Equal((2 * 24 + 8, 2 * 16 + 8), TestPictures.SizeOf(await client.GetByteArrayAsync($"/api/jobs/{created.Id}/thumbnail")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/jobs/{created.Id}/sketch/3")).StatusCode);
        // The last variant ran with beta 1e5 (alpha/beta 1e-5) at sketch size; painting it would take the full 200 px.
        Assert.Equal((24, 4, 1e5), (factory.Scripted.LastSettings!.Size, factory.Scripted.LastSettings.Iterations, factory.Scripted.LastSettings.StyleWeight));
    }

    [Fact]
    public async Task SketchesSavedBeforeARestartAreKeptNotRunAgain()
    {
        factory.Scripted.Gate.Reset();
        var client = factory.CreateClient();
        // A painting holds the one worker, so the explore job waits until its first sketch's file is in place.
        var ahead = await client.SubmitAsync(TestPictures.JobForm());
        await client.WaitForAsync(ahead.Id, s => s.State == JobState.Running);
        var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string>
        {
            ["kind"] = "explore", ["exploreCount"] = "2", ["sketchSize"] = "24", ["sketchIterations"] = "3",
        }));
        // As if the server had stopped after the first sketch: its file is there, from the run before.
        var pictures = factory.Services.GetRequiredService<NeuralStyle.Web.Pictures.PictureStore>();
        pictures.Save(created.Id, NeuralStyle.Web.Pictures.PictureKind.Sketch, 0, TestPictures.Png(6, 4, 9));

        factory.Scripted.Gate.Set();
        var status = await client.WaitUntilFinishedAsync(created.Id);

        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal((6, 4), TestPictures.SizeOf(await client.GetByteArrayAsync(status.Sketches[0].Url)));
        Assert.Equal((24, 16), TestPictures.SizeOf(await client.GetByteArrayAsync(status.Sketches[1].Url)));
        // Only the second sketch ran: its three iterations come after the first sketch's place.
        var losses = await client.GetFromJsonAsync<List<LossPoint>>($"/api/jobs/{created.Id}/losses", ApiClient.Json);
        Assert.Equal([4, 5, 6], losses!.Select(p => p.Iteration));
        Assert.Equal((6 + 8 + 24, 16), TestPictures.SizeOf(await client.GetByteArrayAsync(status.ResultUrl)));
    }

    [Fact]
    public async Task NetworkViewJobRebuildsFromEachDepthAndOffersNothingToPaint()
    {
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string> { ["kind"] = "networkView", ["sketchSize"] = "16", ["sketchIterations"] = "2" }));

        var status = await client.WaitUntilFinishedAsync(created.Id);

        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal(9, status.Sketches.Count);
        Assert.Equal("The photo, as the first layer sees it", status.Sketches[0].Title);
        Assert.Equal("The photo, as depth 5 of 5 sees it", status.Sketches[4].Title);
        Assert.Equal("The style, from the first layer alone", status.Sketches[5].Title);
        Assert.Equal("The style, from all 4 layers", status.Sketches[^1].Title);
        Assert.EndsWith("(The network calls these layers stem_relu + layer1 + layer2 + layer3.)", status.Sketches[^1].Caption);
        Assert.All(status.Sketches, s => Assert.DoesNotMatch(@"stem_relu|layer\d", s.Title));
        Assert.All(status.Sketches, s => Assert.Null(s.PaintUrl));
        Assert.All(status.Sketches, s => Assert.NotNull(s.Url));
        Assert.Equal(InitKind.Noise, factory.Scripted.LastSettings!.Init);
        Assert.Equal(0, factory.Scripted.LastSettings.ContentWeight);
    }

    [Fact]
    public async Task ExploreRequestsOutOfRangeAreRefusedInWords()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string>
        {
            ["kind"] = "explore", ["exploreCount"] = "9", ["sketchSize"] = "1000", ["sketchIterations"] = "0",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("An explore grid shows 2 to 6 variants side by side.", errors["exploreCount"].Single());
        Assert.Equal("Quick sketches are 16 to 256 pixels: they are for a first look, not pictures to keep.", errors["sketchSize"].Single());
        Assert.Equal("Each quick sketch runs 1 to 300 iterations.", errors["sketchIterations"].Single());
    }

    [Fact]
    public async Task UnknownKindsAxesAndABalanceWithoutStyleAreRefusedInWords()
    {
        var client = factory.CreateClient();

        var unknown = await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string> { ["kind"] = "sideways", ["exploreAxis"] = "colour" }));
        var noStyle = await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string> { ["kind"] = "explore", ["styleWeight"] = "0" }));

        var errors = (await unknown.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("'sideways' is not one of: paint, explore, networkView.", errors["kind"].Single());
        Assert.Equal("'colour' is not one of: contentStyleRatio, contentLayer, ratio, layer.", errors["exploreAxis"].Single());
        Assert.Equal(HttpStatusCode.BadRequest, noStyle.StatusCode);
        var balance = (await noStyle.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("Exploring the content/style balance needs a content weight and a style weight above zero.", balance["kind"].Single());
    }
}
