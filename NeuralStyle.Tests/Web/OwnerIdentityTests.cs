using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
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
            var created = await Sending(MadeUp).SubmitAsync(TestPictures.JobForm());

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
        var created = await Sending(MadeUp).SubmitAsync(TestPictures.JobForm());
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

    /// <summary>A client that sends <paramref name="cookie"/> as its owner cookie on every request and keeps nothing the server sets.</summary>
    private HttpClient Sending(string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{OwnerCookie.Name}={cookie}");
        return client;
    }
}
