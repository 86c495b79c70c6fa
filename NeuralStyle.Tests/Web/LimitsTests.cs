using System.Net;
using System.Net.Http.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Components.Pages;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Tests.Web;

/// <summary>A shared server's limits: submissions and requests per client per minute, and jobs waiting per person.</summary>
public sealed class LimitsTests : IDisposable
{
    private readonly List<StyleAppFactory> factories = [];

    public void Dispose()
    {
        foreach (var factory in factories)
        {
            factory.Dispose();
            Directory.Delete(factory.DataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task SubmittingFasterThanTheLimitIsRefusedWith429RetryAfterAndASentence()
    {
        var client = await BrowserAsync(App(submissionsPerMinute: 2));
        await client.SubmitAsync(TestPictures.JobForm());
        await client.SubmitAsync(TestPictures.JobForm());

        var refused = await client.PostAsync("/api/jobs", TestPictures.JobForm());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(wait.TotalSeconds, 1, 60);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(429, problem!.Status);
        Assert.Equal("Too many jobs started.", problem.Title);
        Assert.Equal($"You have started many jobs in a short time; try again in {wait.TotalSeconds} seconds.", problem.Detail);
    }

    [Fact]
    public async Task AnotherBrowserCanStillSubmitWhileOneIsRateLimited()
    {
        var app = App(submissionsPerMinute: 1);
        var hasty = await BrowserAsync(app);
        await hasty.SubmitAsync(TestPictures.JobForm());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await hasty.PostAsync("/api/jobs", TestPictures.JobForm())).StatusCode);

        var other = await BrowserAsync(app);

        await other.SubmitAsync(TestPictures.JobForm());
    }

    [Fact]
    public async Task AClientWithoutCookiesIsCountedByItsAddressSoFreshOwnerIdsDoNotEscapeTheLimit()
    {
        var client = App(submissionsPerMinute: 2).CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        await client.SubmitAsync(TestPictures.JobForm());
        await client.SubmitAsync(TestPictures.JobForm());

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/api/jobs", TestPictures.JobForm())).StatusCode);
    }

    [Fact]
    public async Task OtherApiRequestsHaveTheirOwnLooserLimitWithItsOwnSentence()
    {
        var client = await BrowserAsync(App(requestsPerMinute: 2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/gallery")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/models")).StatusCode);

        var refused = await client.GetAsync("/api/gallery");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.StartsWith("You have sent many requests in a short time; try again in ", problem!.Detail);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task SubmissionsDoNotUseUpTheRequestAllowance()
    {
        var client = await BrowserAsync(App(requestsPerMinute: 2));
        var created = await client.SubmitAsync(TestPictures.JobForm());
        await client.SubmitAsync(TestPictures.JobForm());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/jobs/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task AFourthWaitingJobIsRefusedButSomeoneElsesIsAccepted()
    {
        var app = App(waitingJobsPerPerson: 3);
        var busy = await BrowserAsync(app);
        var first = await busy.SubmitAsync(TestPictures.JobForm());
        await busy.SubmitAsync(TestPictures.JobForm());
        await busy.SubmitAsync(TestPictures.JobForm());

        var refused = await busy.PostAsync("/api/jobs", TestPictures.JobForm());

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("You already have 3 pictures waiting; wait until one starts.", problem!.Detail);
        await (await BrowserAsync(app)).SubmitAsync(TestPictures.JobForm());
        Assert.Equal(HttpStatusCode.Accepted, (await busy.DeleteAsync($"/api/jobs/{first.Id}")).StatusCode);
        await busy.SubmitAsync(TestPictures.JobForm());
    }

    [Fact]
    public async Task SubmissionsArrivingTogetherCannotSlipPastTheWaitingLimit()
    {
        var submitter = App(waitingJobsPerPerson: 3).Services.GetRequiredService<JobSubmitter>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => submitter.SubmitAsync(
            new Owner("alice"),
            new JobSettings(),
            new UploadedPicture("photo.png", () => new MemoryStream(TestPictures.Png(48, 32, (byte)i))),
            [new UploadedPicture("style.png", () => new MemoryStream(TestPictures.Png(16, 16, 200)))]))));

        Assert.Equal(3, results.Count(r => r.Accepted));
        Assert.All(results.Where(r => !r.Accepted), r => Assert.Equal("You already have 3 pictures waiting; wait until one starts.", r.Refusal));
    }

    [Fact]
    public async Task TheCreatePageShowsTheWaitingAndRateLimitsAsMessages()
    {
        await using var app = new BunitApp(new Dictionary<string, string>
        {
            ["NeuralStyle:Jobs:Concurrency"] = "0",
            ["NeuralStyle:Limits:WaitingJobsPerPerson"] = "1",
            ["NeuralStyle:Limits:SubmissionsPerMinute"] = "2",
        });
        var navigation = app.Context.Services.GetRequiredService<NavigationManager>();
        var page = app.Context.Render<Create>(p => p.AddCascadingValue(new Owner("carol")));
        page.Find("button[aria-label='Chelsea the cat']").Click();
        page.Find("button[aria-label='The Starry Night (Vincent van Gogh, 1889)']").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=style-preview]")));

        await page.Find("[data-testid=start]").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Matches("/jobs/[0-9a-f-]{36}$", navigation.Uri));
        await page.Find("[data-testid=start]").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Equal(
            "You already have a picture waiting; wait until it starts.", page.Find("[data-testid=errors]").TextContent.Trim()));
        await page.Find("[data-testid=start]").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Matches(
            "^You have started many jobs in a short time; try again in [0-9]+ seconds?\\.$", page.Find("[data-testid=errors]").TextContent.Trim()));
    }

    private StyleAppFactory App(int submissionsPerMinute = 100, int requestsPerMinute = 1000, int waitingJobsPerPerson = 100)
    {
        var factory = new StyleAppFactory(StyleAppFactory.NewDataFolder(), concurrency: 0, settings: new Dictionary<string, string>
        {
            ["NeuralStyle:Limits:SubmissionsPerMinute"] = submissionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NeuralStyle:Limits:RequestsPerMinute"] = requestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NeuralStyle:Limits:WaitingJobsPerPerson"] = waitingJobsPerPerson.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        factories.Add(factory);
        return factory;
    }

    /// <summary>A client that has visited once and so carries its own owner cookie, as a browser would.</summary>
    private static async Task<HttpClient> BrowserAsync(StyleAppFactory app)
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        return client;
    }
}
