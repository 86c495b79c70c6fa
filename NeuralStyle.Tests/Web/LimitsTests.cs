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
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.Type);
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
    public async Task MadeUpOwnerCookiesAreCountedByAddressSoTheyDoNotEscapeTheLimit()
    {
        var app = App(submissionsPerMinute: 2);
        await WithCookie(app, "0123456789abcdef0123456789abcdef").SubmitAsync(TestPictures.JobForm());
        await WithCookie(app, "1123456789abcdef0123456789abcdef").SubmitAsync(TestPictures.JobForm());

        var refused = await WithCookie(app, "2123456789abcdef0123456789abcdef").PostAsync("/api/jobs", TestPictures.JobForm());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task IdentitiesTheServerIssuedStillShareTheCeilingOfTheirAddress()
    {
        var app = App(submissionsPerMinute: 1, peoplePerAddress: 2);
        await (await BrowserAsync(app)).SubmitAsync(TestPictures.JobForm());
        await (await BrowserAsync(app)).SubmitAsync(TestPictures.JobForm());

        var refused = await (await BrowserAsync(app)).PostAsync("/api/jobs", TestPictures.JobForm());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("Too many jobs started.", problem!.Title);
        Assert.StartsWith("Many jobs have been started from your network address in a short time", problem.Detail);
    }

    [Fact]
    public async Task WaitingJobsAreCappedPerAddressAsWellAsPerPerson()
    {
        var app = App(waitingJobsPerPerson: 1, peoplePerAddress: 2);
        await (await BrowserAsync(app)).SubmitAsync(TestPictures.JobForm());
        await (await BrowserAsync(app)).SubmitAsync(TestPictures.JobForm());

        var refused = await (await BrowserAsync(app)).PostAsync("/api/jobs", TestPictures.JobForm());

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("2 pictures from your network address are waiting already (everyone behind it counts together); wait until one starts.", problem!.Detail);
    }

    [Fact]
    public async Task RequestsAreCappedPerAddressAsWellAsPerPerson()
    {
        var app = App(requestsPerMinute: 2, peoplePerAddress: 2);
        var (first, second, third) = (await BrowserAsync(app), await BrowserAsync(app), await BrowserAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/models")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/models")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/models")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/models")).StatusCode);

        var refused = await third.GetAsync("/api/models");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem!.Type);
        Assert.StartsWith("Many requests have come from your network address in a short time", problem.Detail);
    }

    [Fact]
    public async Task SubmissionsWithMistakesDoNotUseUpTheAllowanceForJobs()
    {
        var client = await BrowserAsync(App(submissionsPerMinute: 1));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "huge" }))).StatusCode);
        }

        await client.SubmitAsync(TestPictures.JobForm());
    }

    [Fact]
    public async Task ManyFailedSubmissionsAreRefusedAsManyRequestsNotAsManyJobs()
    {
        var client = await BrowserAsync(App(requestsPerMinute: 3));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "huge" }))).StatusCode);
        }

        var refused = await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "huge" }));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("Too many requests.", problem!.Title);
        Assert.StartsWith("You have sent many requests in a short time; try again in ", problem.Detail);
    }

    [Fact]
    public async Task AFormWithAFieldThatIsNotANumberStartsNoJob()
    {
        var app = App();
        var client = await BrowserAsync(app);

        var refused = await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "huge" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, app.Services.GetRequiredService<JobQueue>().Count);
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
            ["NeuralStyle:Limits:SubmissionsPerMinute"] = "1",
        });
        var navigation = app.Context.Services.GetRequiredService<NavigationManager>();
        var carol = new Owner("carol");
        var page = app.Context.Render<Create>(p => p.AddCascadingValue(carol));
        page.Find("button[aria-label='Chelsea the cat']").Click();
        page.Find("button[aria-label='The Starry Night (Vincent van Gogh, 1889)']").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=style-preview]")));

        await page.Find("[data-testid=start]").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Matches("/jobs/[0-9a-f-]{36}$", navigation.Uri));
        await page.Find("[data-testid=start]").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Equal(
            "You already have a picture waiting; wait until it starts.", page.Find("[data-testid=errors]").TextContent.Trim()));
        var waiting = Guid.Parse(navigation.Uri[^36..]);
        Assert.Equal(CancelOutcome.Canceled, await app.Context.Services.GetRequiredService<JobCanceller>().CancelAsync(waiting, carol));
        await page.Find("[data-testid=start]").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Matches(
            "^You have started many jobs in a short time; try again in [0-9]+ seconds?\\.$", page.Find("[data-testid=errors]").TextContent.Trim()));
    }

    private StyleAppFactory App(int submissionsPerMinute = 100, int requestsPerMinute = 1000, int waitingJobsPerPerson = 100, int peoplePerAddress = 10)
    {
        var factory = new StyleAppFactory(StyleAppFactory.NewDataFolder(), concurrency: 0, settings: new Dictionary<string, string>
        {
            ["NeuralStyle:Limits:PeoplePerAddress"] = peoplePerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NeuralStyle:Limits:SubmissionsPerMinute"] = submissionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NeuralStyle:Limits:RequestsPerMinute"] = requestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NeuralStyle:Limits:WaitingJobsPerPerson"] = waitingJobsPerPerson.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        factories.Add(factory);
        return factory;
    }

    /// <summary>A client that sends a made-up owner cookie and keeps none the server sets.</summary>
    private static HttpClient WithCookie(StyleAppFactory app, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"ns-owner={cookie}");
        return client;
    }

    /// <summary>A client that has visited once and so carries its own owner cookie, as a browser would.</summary>
    private static async Task<HttpClient> BrowserAsync(StyleAppFactory app)
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        return client;
    }
}
