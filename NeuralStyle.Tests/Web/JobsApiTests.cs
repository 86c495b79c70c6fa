using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using NeuralStyle.Web.Data;

namespace NeuralStyle.Tests.Web;

public sealed class JobsApiTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task SubmittedJobRunsToCompletionAndServesAResultOfTheRequestedSize()
    {
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "40", ["iterations"] = "6" }));
        Assert.Equal($"/api/jobs/{created.Id}", created.Url);

        var status = await client.WaitUntilFinishedAsync(created.Id);

        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal(6, status.Iteration);
        Assert.Equal(1000.0 / 6, status.Losses!.Style, 6);
        Assert.Equal("scripted cpu", status.Device);
        var result = await client.GetByteArrayAsync(status.ResultUrl);
        // The content picture is 48x32: the long side becomes 40, the aspect ratio stays.
        Assert.Equal((40, 27), TestPictures.SizeOf(result));
        var recipe = NeuralStyle.Engine.Transfer.StyleRecipe.FromPngText(NeuralStyle.Engine.Imaging.ImageEncoder.ReadPngText(new MemoryStream(result)));
        Assert.Equal(6, recipe!.Settings.Iterations);
        Assert.Equal(1e5, status.Settings.StyleWeight);
        Assert.Equal(40, recipe.Settings.Size);
        var losses = await client.GetFromJsonAsync<List<NeuralStyle.Web.Jobs.LossPoint>>($"/api/jobs/{created.Id}/losses", ApiClient.Json);
        Assert.Equal([1, 2, 3, 4, 5, 6], losses!.Select(p => p.Iteration));
    }

    [Fact]
    public async Task SubmittedPicturesAreServedBackByJobIdAsPng()
    {
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm(null, TestPictures.Png(30, 20, 0), TestPictures.Png(8, 8, 1), TestPictures.Png(12, 6, 2)));

        Assert.Equal((30, 20), TestPictures.SizeOf(await client.GetByteArrayAsync($"/api/jobs/{created.Id}/content")));
        Assert.Equal((8, 8), TestPictures.SizeOf(await client.GetByteArrayAsync($"/api/jobs/{created.Id}/style/0")));
        Assert.Equal((12, 6), TestPictures.SizeOf(await client.GetByteArrayAsync($"/api/jobs/{created.Id}/style/1")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/jobs/{created.Id}/style/2")).StatusCode);
    }

    [Fact]
    public async Task OwnerCanCancelARunningJob()
    {
        factory.Scripted.IterationTime = TimeSpan.FromMilliseconds(50);
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "400" }));
        await client.WaitForAsync(created.Id, s => s.Iteration >= 2);

        var cancel = await client.DeleteAsync($"/api/jobs/{created.Id}");

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var status = await client.WaitUntilFinishedAsync(created.Id);
        Assert.Equal(JobState.Canceled, status.State);
        Assert.True(status.Iteration < 400);
    }

    [Fact]
    public async Task AnotherBrowserCannotCancelSomeoneElsesJob()
    {
        factory.Scripted.Gate.Reset();
        var owner = factory.CreateClient();
        var stranger = factory.CreateClient();
        var created = await owner.SubmitAsync(TestPictures.PublicJobForm());

        var cancel = await stranger.DeleteAsync($"/api/jobs/{created.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        var problem = await cancel.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("Only the browser or client that submitted a job can cancel it", problem!.Detail);
        Assert.False((await stranger.StatusAsync(created.Id)).YouOwnIt);
        Assert.True((await owner.StatusAsync(created.Id)).YouOwnIt);
        factory.Scripted.Gate.Set();
        Assert.Equal(JobState.Succeeded, (await owner.WaitUntilFinishedAsync(created.Id)).State);
    }

    [Fact]
    public async Task FinishedJobCannotBeCanceled()
    {
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm());
        await client.WaitUntilFinishedAsync(created.Id);

        var cancel = await client.DeleteAsync($"/api/jobs/{created.Id}");

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
    }

    [Fact]
    public async Task NotAPictureIsRejectedWithTheFileNameAndAReason()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/jobs", TestPictures.JobForm(null, "hello, not a picture"u8.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.StartsWith("'content.png': ", Assert.Single(problem!.Errors["content"]));
    }

    [Fact]
    public async Task OutOfRangeAndUnreadableNumbersAreEachExplained()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string>
        {
            ["size"] = "5",
            ["iterations"] = "many",
            ["styleWeight"] = "-1",
            ["optimizer"] = "sgd",
            ["backbone"] = "alexnet",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("The output size must be between 16 and 1024 pixels.", errors["size"].Single());
        Assert.Equal("'many' is not a whole number.", errors["iterations"].Single());
        Assert.Equal("The style weight must be a number from 0 to 1e12.", errors["styleWeight"].Single());
        Assert.Equal("'sgd' is not one of: lbfgs, adam.", errors["optimizer"].Single());
        Assert.Equal("There is no network called 'alexnet'. Choose one of: resnet18, vgg19.", errors["backbone"].Single());
    }

    [Fact]
    public async Task BackboneWithoutWeightsIsRefusedWithItsReason()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string> { ["backbone"] = "vgg19" }));

        var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("The network 'vgg19' cannot be used on this server: no VGG19 weights file is configured.", errors["backbone"].Single());
    }

    [Fact]
    public async Task MissingStylePictureIsReported()
    {
        var client = factory.CreateClient();
        var form = new MultipartFormDataContent { { new ByteArrayContent(TestPictures.Png(8, 8, 0)), "content", "c.png" } };

        var response = await client.PostAsync("/api/jobs", form);

        var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Contains("at least one style picture", errors["style"].Single());
    }

    [Fact]
    public async Task EngineFailureEndsTheJobWithTheEnginesMessage()
    {
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "32", ["contentLayers"] = "nowhere" }));

        var status = await client.WaitUntilFinishedAsync(created.Id);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal("The layer 'nowhere' does not exist in resnet18.", status.Error);
    }

    [Fact]
    public async Task PictureOverTheUploadLimitIsRefusedBeforeAnythingIsQueued()
    {
        var folder = StyleAppFactory.NewDataFolder();
        using (var strict = new StyleAppFactory(folder, settings: new Dictionary<string, string> { ["NeuralStyle:Uploads:MaxBytes"] = "2000" }))
        {
            var client = strict.CreateClient();
            var big = TestPictures.NoisePng(64, 64, seed: 7);
            Assert.True(big.Length > 2000);

            var response = await client.PostAsync("/api/jobs", TestPictures.JobForm(null, big));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
            Assert.StartsWith("'content.png': ", errors["content"].Single());
            Assert.Empty(Directory.GetDirectories(Path.Combine(folder, "pictures")));
        }

        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("resnet18", 1e5)]
    [InlineData("vgg19", 1e3)]
    [InlineData(null, 1e5)]
    public void FormWithoutStyleWeightTakesTheChosenNetworksRecommendation(string? backbone, double beta)
    {
        var fields = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>();
        if (backbone is not null)
        {
            fields["backbone"] = backbone;
        }

        var errors = new Dictionary<string, string[]>();
        var settings = NeuralStyle.Web.Apis.JobSettingsForm.Parse(new Microsoft.AspNetCore.Http.FormCollection(fields), errors);

        Assert.Empty(errors);
        Assert.Equal(beta, settings.StyleWeight);
        Assert.Equal(1, settings.ContentWeight);
    }

    [Fact]
    public async Task UnknownJobIsANotFoundProblem()
    {
        var response = await factory.CreateClient().GetAsync($"/api/jobs/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task HealthAndOpenApiDocumentAreServed()
    {
        var client = factory.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        var document = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/jobs\"", document);
        Assert.Contains("multipart/form-data", document);
        Assert.Contains("\"styleWeight\"", document);
        Assert.Contains("\"/api/gallery\"", document);
        Assert.Contains("\"/api/models\"", document);
    }

    [Fact]
    public async Task ModelsListSaysWhichBackbonesAreReady()
    {
        var models = await factory.CreateClient().GetFromJsonAsync<NeuralStyle.Web.Apis.ModelList>("/api/models", ApiClient.Json);

        Assert.Equal("scripted cpu", models!.Device);
        Assert.True(models.Models.Single(m => m.Name == "resnet18").Ready);
        Assert.False(models.Models.Single(m => m.Name == "vgg19").Ready);
    }
}
