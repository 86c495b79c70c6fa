using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Apis;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Tests.Web;

/// <summary>What the API writes, a client can send back: every value a status shows is accepted by the form, and the queue can be listed.</summary>
public sealed class RoundTripTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder(), concurrency: 0);

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    public static TheoryData<string, Type> ChoiceFields => new()
    {
        { "optimizer", typeof(OptimizerKind) },
        { "init", typeof(InitKind) },
        { "pooling", typeof(PoolingKind) },
        { "colour", typeof(ColourMode) },
        { "kind", typeof(JobKind) },
        { "exploreAxis", typeof(ExploreAxis) },
    };

    [Theory]
    [MemberData(nameof(ChoiceFields))]
    public async Task EveryValueAStatusShowsForAChoiceIsAcceptedBackByTheForm(string field, Type choices)
    {
        var client = factory.CreateClient();
        foreach (var choice in Enum.GetValues(choices))
        {
            // The name as it travels in JSON (camelCase), read by a client's own serializer.
            var name = JsonSerializer.SerializeToElement(choice, choices, ApiClient.Json).GetString()!;

            var response = await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "2", [field] = name }));

            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{field}={name}: {await response.Content.ReadAsStringAsync()}");
            var created = (await response.Content.ReadFromJsonAsync<JobCreated>(ApiClient.Json))!;
            using var status = JsonDocument.Parse(await client.GetStringAsync(created.Url));
            Assert.Equal(name, status.RootElement.GetProperty("settings").GetProperty(field).GetString());
        }
    }

    [Fact]
    public async Task TheShortNamesOfEarlierVersionsAreStillRead()
    {
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string>
        {
            ["size"] = "32", ["iterations"] = "2", ["exploreAxis"] = "layer", ["pooling"] = "avg", ["colour"] = "match",
        }));

        var settings = (await client.StatusAsync(created.Id)).Settings;

        Assert.Equal((ExploreAxis.ContentLayer, PoolingKind.Average, ColourMode.MatchStyleToPhoto), (settings.ExploreAxis, settings.Pooling, settings.Colour));
    }

    [Theory]
    [InlineData("/api/gallery?page=abc", "page")]
    [InlineData("/api/gallery?pageSize=1e3", "pageSize")]
    [InlineData("/api/gallery?page=0", "page")]
    public async Task AGalleryPageThatIsNotAWholeNumberIsAValidationProblemNamingTheField(string address, string field)
    {
        var response = await factory.CreateClient().GetAsync(address);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal("The gallery page could not be shown.", problem!.Title);
        Assert.StartsWith(field == "page" ? "The page number is a whole number from 1; '" : "The page size is a whole number from 1 to 100; '", Assert.Single(problem.Errors[field]));
    }

    [Fact]
    public async Task ListingJobsShowsTheQueuesLengthAndYourOwnJobsWithTheirPlaces()
    {
        var alice = await BrowserAsync();
        var bob = await BrowserAsync();
        var first = await alice.SubmitAsync(TestPictures.JobForm());
        var theirs = await bob.SubmitAsync(TestPictures.JobForm());
        var second = await alice.SubmitAsync(TestPictures.JobForm());

        var queue = (await alice.GetFromJsonAsync<JobQueueView>("/api/jobs", ApiClient.Json))!;

        Assert.Equal((3, 0), (queue.Waiting, queue.Running));
        // Turns alternate between people: Alice's first, Bob's, then Alice's second.
        Assert.Equal([(first.Id, 1), (second.Id, 3)], queue.Yours.Select(j => (j.Id, j.QueuePosition!.Value)));
        Assert.All(queue.Yours, j => Assert.Equal(JobState.Queued, j.State));
        Assert.DoesNotContain(theirs.Id, queue.Yours.Select(j => j.Id));
    }

    private async Task<HttpClient> BrowserAsync()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        return client;
    }
}
