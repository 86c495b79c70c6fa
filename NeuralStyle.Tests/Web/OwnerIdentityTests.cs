using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Apis;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Tests.Web;

/// <summary>An owner cookie counts only when this server issued it: a made-up or altered one owns nothing.</summary>
public sealed class OwnerIdentityTests : IDisposable
{
    private const string MadeUp = "0123456789abcdef0123456789abcdef";
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task AJobSubmittedWithAMadeUpCookieCannotBeCancelledByAnotherClientSendingTheSameValue()
    {
        factory.Scripted.Gate.Reset();
        try
        {
            // Shown to everyone, so that the refusal is about owning it, not about seeing it.
            var created = await Sending(MadeUp).SubmitAsync(TestPictures.PublicJobForm());

            var cancel = await Sending(MadeUp).DeleteAsync($"/api/jobs/{created.Id}");

            Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        }
        finally
        {
            factory.Scripted.Gate.Set();
        }
    }

    [Fact]
    public async Task AFinishedPictureMadeWithAMadeUpCookieCannotBeDeletedWithIt()
    {
        var created = await Sending(MadeUp).SubmitAsync(TestPictures.PublicJobForm());
        await factory.CreateClient().WaitUntilFinishedAsync(created.Id);

        var delete = await Sending(MadeUp).DeleteAsync($"/api/gallery/{created.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Fact]
    public async Task APrivateJobMadeWithAMadeUpCookieIsHiddenFromWhoeverSendsThatValue()
    {
        var form = TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "2", ["private"] = "true" });
        var created = await Sending(MadeUp).SubmitAsync(form);

        Assert.Equal(HttpStatusCode.NotFound, (await Sending(MadeUp).GetAsync($"/api/jobs/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task TheCookieAServerIssuedStillOwnsItsJobsButTheSameCookieAlteredDoesNot()
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var first = await browser.GetAsync("/api/models");
        var issued = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith($"{OwnerCookie.Name}=", StringComparison.Ordinal)).Split(';')[0][(OwnerCookie.Name.Length + 1)..];
        Assert.NotEqual(32, issued.Length);
        var form = TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "2", ["private"] = "true" });
        var created = await Sending(issued).SubmitAsync(form);
        var altered = issued[..^2] + (issued[^2] == 'A' ? "B" : "A") + issued[^1];

        var asOwner = await Sending(issued).GetAsync($"/api/jobs/{created.Id}");
        var asForger = await Sending(altered).GetAsync($"/api/jobs/{created.Id}");

        Assert.Equal(HttpStatusCode.OK, asOwner.StatusCode);
        Assert.True((await asOwner.Content.ReadFromJsonAsync<JobStatus>(ApiClient.Json))!.YouOwnIt);
        Assert.Equal(HttpStatusCode.NotFound, asForger.StatusCode);
    }

    [Fact]
    public async Task AMadeUpCookieIsReplacedByOneTheServerIssues()
    {
        var response = await Sending(MadeUp).GetAsync("/api/models");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{OwnerCookie.Name}=", StringComparison.Ordinal));
        Assert.DoesNotContain(MadeUp, cookie);
    }

    [Fact]
    public async Task SigningInTakesOverThePicturesOfTheCookieThisServerIssuedAndAMadeUpCookieHandsNothingOver()
    {
        // Pictures made while the server ran without accounts, then the same data folder (and keys) with sign-in on.
        var folder = StyleAppFactory.NewDataFolder();
        try
        {
            string issued, ownerId;
            Guid id;
            await using (var before = new StyleAppFactory(folder))
            {
                var first = await Sending(before, null).GetAsync("/healthz");
                issued = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith($"{OwnerCookie.Name}=", StringComparison.Ordinal)).Split(';')[0][(OwnerCookie.Name.Length + 1)..];
                id = (await Sending(before, issued).SubmitAsync(TestPictures.JobForm())).Id;
                await Sending(before, issued).WaitUntilFinishedAsync(id);
                ownerId = (await before.Services.GetRequiredService<JobStore>().FindAsync(id))!.OwnerId;
            }

            await using var after = new StyleAppFactory(folder, settings: new Dictionary<string, string> { ["NeuralStyle:Accounts:Enabled"] = "true" });
            var accounts = after.Services.GetRequiredService<AccountStore>();
            var store = after.Services.GetRequiredService<JobStore>();
            foreach (var name in new[] { "mallory", "maker" })
            {
                Assert.Null((await accounts.RegisterAsync(name, AccountsApp.Password, AccountsApp.Password)).Problem);
            }

            // The id itself, sent as if it were a cookie, is a made-up cookie: it is nobody, and owns nothing to hand over.
            var forger = Sending(after, ownerId);
            Assert.Equal(HttpStatusCode.OK, (await forger.PostAsJsonAsync("/api/account/signin", new Credentials("mallory", AccountsApp.Password))).StatusCode);
            Assert.Equal(ownerId, (await store.FindAsync(id))!.OwnerId);

            var maker = Sending(after, issued);
            var signedIn = await maker.PostAsJsonAsync("/api/account/signin", new Credentials("maker", AccountsApp.Password));
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            Assert.StartsWith("user-", (await store.FindAsync(id))!.OwnerId, StringComparison.Ordinal);
            var account = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("ns-account=", StringComparison.Ordinal));
            var asMaker = after.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            asMaker.DefaultRequestHeaders.Add("Cookie", account);
            var mine = await asMaker.GetFromJsonAsync<GalleryPage>("/api/gallery?mine=true", ApiClient.Json);
            Assert.Equal([id], mine!.Items.Select(i => i.Id));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A client that sends <paramref name="cookie"/> as its owner cookie on every request and keeps nothing the server sets.</summary>
    private HttpClient Sending(string cookie) => Sending(factory, cookie);

    private static HttpClient Sending(StyleAppFactory app, string? cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $"{OwnerCookie.Name}={cookie}");
        }

        return client;
    }
}
