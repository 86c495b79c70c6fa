using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Apis;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Tests.Web;

/// <summary>A private result, its pictures and its progress are seen by its owner and the admins only; to others it does not exist.</summary>
public sealed class PrivateResultsTests : IDisposable
{
    private static readonly Dictionary<string, string> PrivateJob = new() { ["size"] = "32", ["iterations"] = "5", ["private"] = "true" };
    private readonly AccountsApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task SomeoneElsesPrivateResultIsNotFoundInTheApiPicturesAndGalleryButItsOwnerAndAnAdminSeeIt()
    {
        var alice = await app.SignedInAsync("alice");
        var bob = await app.SignedInAsync("bob");
        var boss = await app.SignedInAsync("boss");
        var anonymous = app.Factory.CreateClient();
        var created = await alice.SubmitAsync(TestPictures.JobForm(PrivateJob));
        var done = await alice.WaitUntilFinishedAsync(created.Id);
        Assert.Equal(JobState.Succeeded, done.State);
        Assert.True(done.Private);
        string[] addresses =
        [
            $"/api/jobs/{created.Id}", $"/api/jobs/{created.Id}/losses", $"/api/jobs/{created.Id}/preview", $"/api/jobs/{created.Id}/result",
            $"/api/jobs/{created.Id}/thumbnail", $"/api/jobs/{created.Id}/content", $"/api/jobs/{created.Id}/style/0",
        ];

        foreach (var address in addresses)
        {
            Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync(address)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await boss.GetAsync(address)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(address)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(address)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/api/jobs/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/api/gallery/{created.Id}")).StatusCode);
        Assert.Equal(0, (await GalleryAsync(bob)).Total);
        Assert.Equal(0, (await GalleryAsync(anonymous)).Total);
        Assert.True((await GalleryAsync(alice)).Items.Single().Private);
        Assert.Equal(created.Id, (await GalleryAsync(boss)).Items.Single().Id);
        Assert.DoesNotContain(created.Id.ToString(), await bob.GetStringAsync("/gallery"));
        Assert.Contains(created.Id.ToString(), await alice.GetStringAsync("/gallery"));
        Assert.Contains("There is no job at this address", await bob.GetStringAsync($"/jobs/{created.Id}"));
    }

    [Fact]
    public async Task TheOwnerCanMakeAResultPrivateAndPublicAgainButNobodyElseCan()
    {
        var alice = await app.SignedInAsync("alice");
        var bob = await app.SignedInAsync("bob");
        var created = await alice.SubmitAsync(TestPictures.PublicJobForm());
        await alice.WaitUntilFinishedAsync(created.Id);

        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PatchAsJsonAsync($"/api/jobs/{created.Id}", new JobChange(true))).StatusCode);
        var madePrivate = await alice.PatchAsJsonAsync($"/api/jobs/{created.Id}", new JobChange(true));

        Assert.True((await madePrivate.Content.ReadFromJsonAsync<JobStatus>(ApiClient.Json))!.Private);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/jobs/{created.Id}/result")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PatchAsJsonAsync($"/api/jobs/{created.Id}", new JobChange(false))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.PatchAsJsonAsync($"/api/jobs/{created.Id}", new JobChange(false))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/api/jobs/{created.Id}/result")).StatusCode);
    }

    [Fact]
    public async Task OthersCannotSubscribeToAPrivateJobsProgressOnTheHub()
    {
        app.Factory.Scripted.Gate.Reset();
        var alice = await app.SignedInAsync("alice");
        var created = await alice.SubmitAsync(TestPictures.JobForm(PrivateJob));
        await using var owner = await HubAsync(await app.AccountCookieAsync("alice"));
        await using var other = await HubAsync(await app.AccountCookieAsync("bob"));
        await using var anonymous = await HubAsync(null);
        var seenByOthers = new ConcurrentQueue<string>();
        foreach (var connection in new[] { other, anonymous })
        {
            connection.On<JsonElement>("progress", _ => seenByOthers.Enqueue("progress"));
            connection.On<JsonElement>("finished", _ => seenByOthers.Enqueue("finished"));
        }

        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        owner.On<JsonElement>("finished", _ => finished.TrySetResult());

        Assert.Null(await other.InvokeAsync<JobStatus?>("Subscribe", created.Id));
        Assert.Null(await anonymous.InvokeAsync<JobStatus?>("Subscribe", created.Id));
        Assert.Equal(created.Id, (await owner.InvokeAsync<JobStatus?>("Subscribe", created.Id))!.Id);
        app.Factory.Scripted.Gate.Set();
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(200);

        Assert.Empty(seenByOthers);
    }

    [Fact]
    public async Task AWatcherStopsGettingAJobsEventsOnceItIsMadePrivate()
    {
        app.Factory.Scripted.Gate.Reset();
        var alice = await app.SignedInAsync("alice");
        var created = await alice.SubmitAsync(TestPictures.PublicJobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "5" }));
        await using var owner = await HubAsync(await app.AccountCookieAsync("alice"));
        await using var other = await HubAsync(await app.AccountCookieAsync("bob"));
        var seenByBob = new ConcurrentQueue<string>();
        other.On<JsonElement>("progress", _ => seenByBob.Enqueue("progress"));
        other.On<JsonElement>("finished", _ => seenByBob.Enqueue("finished"));
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        owner.On<JsonElement>("finished", _ => finished.TrySetResult());

        Assert.NotNull(await other.InvokeAsync<JobStatus?>("Subscribe", created.Id));
        Assert.NotNull(await owner.InvokeAsync<JobStatus?>("Subscribe", created.Id));
        Assert.Equal(HttpStatusCode.OK, (await alice.PatchAsJsonAsync($"/api/jobs/{created.Id}", new JobChange(true))).StatusCode);
        await Task.Delay(300);
        app.Factory.Scripted.Gate.Set();
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(200);

        // Bob subscribed while the job was public: once it is private he hears nothing more of it, its owner still does.
        Assert.Empty(seenByBob);
    }

    [Fact]
    public async Task WithoutAccountsABrowserCanKeepItsResultPrivateFromOtherBrowsers()
    {
        var factory = new StyleAppFactory(StyleAppFactory.NewDataFolder());
        try
        {
            var mine = factory.CreateClient();
            var created = await mine.SubmitAsync(TestPictures.JobForm(PrivateJob));
            await mine.WaitUntilFinishedAsync(created.Id);
            var other = factory.CreateClient();

            Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync($"/api/jobs/{created.Id}/result")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/jobs/{created.Id}/result")).StatusCode);
            Assert.Equal(0, (await GalleryAsync(other)).Total);
        }
        finally
        {
            factory.Dispose();
            Directory.Delete(factory.DataFolder, recursive: true);
        }
    }

    private static async Task<GalleryPage> GalleryAsync(HttpClient client) => (await client.GetFromJsonAsync<GalleryPage>("/api/gallery", ApiClient.Json))!;

    private async Task<HubConnection> HubAsync(string? cookie)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Factory.Server.BaseAddress, "/hubs/progress"), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Factory.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                if (cookie is not null)
                {
                    options.Headers["Cookie"] = cookie;
                }
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
