using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Data;

namespace NeuralStyle.Tests.Web;

/// <summary>Sign-in on a shared server: who may submit, who owns a job, who may cancel or delete it.</summary>
public sealed class AccountsTests : IDisposable
{
    private readonly AccountsApp app = new(concurrency: 0);

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task AnAnonymousSubmissionIsRefusedWith401AndASentence()
    {
        var response = await app.Factory.CreateClient().PostAsync("/api/jobs", TestPictures.JobForm());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("Sign in to paint.", problem!.Title);
        Assert.StartsWith("This server asks people to sign in before they start a picture", problem.Detail);
    }

    [Fact]
    public async Task TheCreatePageAsksAnonymousPeopleToSignInInsteadOfShowingTheForm()
    {
        var html = await app.Factory.CreateClient().GetStringAsync("/");

        Assert.Contains("data-testid=\"sign-in-prompt\"", html);
        Assert.Contains("Sign in to paint", html);
        Assert.DoesNotContain("data-testid=\"start\"", html);
        Assert.Contains("data-testid=\"sign-in-link\"", html);
    }

    [Fact]
    public async Task SomeoneWhoRegistersOnThePageIsSignedInSeesTheFormAndOwnsTheJobsTheySubmit()
    {
        var client = app.Factory.CreateClient();

        var registered = await AccountsApp.PostFormAsync(client, "/register", "/account/register", new()
        {
            ["name"] = "Alice",
            ["password"] = "paintings!",
            ["confirmation"] = "paintings!",
            ["returnUrl"] = "/",
        });

        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var page = await registered.Content.ReadAsStringAsync();
        Assert.Matches("Signed in as <b[^>]*>Alice</b>", page);
        Assert.Contains("data-testid=\"start\"", page);
        var created = await client.SubmitAsync(TestPictures.JobForm());
        var status = await client.StatusAsync(created.Id);
        Assert.True(status.YouOwnIt);
        Assert.True(status.YouMayChangeIt);
        var users = app.Factory.Services.GetRequiredService<AccountStore>();
        var signedIn = await users.SignInAsync("alice", "paintings!");
        Assert.Equal("Alice", signedIn.User!.Name);
        Assert.DoesNotContain("paintings!", signedIn.User.PasswordHash);
    }

    [Fact]
    public async Task AWrongPasswordOnTheSignInPageGivesASentenceAndKeepsTheName()
    {
        await app.SignedInAsync("carol");
        var client = app.Factory.CreateClient();

        var response = await AccountsApp.PostFormAsync(client, "/signin", "/account/signin", new() { ["name"] = "carol", ["password"] = "wrong one" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/signin", response.RequestMessage!.RequestUri!.AbsolutePath);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(AccountMessages.Of(AccountProblem.WrongPassword), html);
        Assert.Contains("value=\"carol\"", html);
        Assert.DoesNotContain("Signed in as", html);
    }

    [Fact]
    public async Task AWrongPasswordThroughTheApiIs401WithTheSameSentence()
    {
        await app.SignedInAsync("carol");

        var response = await app.Factory.CreateClient().PostAsJsonAsync("/api/account/signin", new Credentials("carol", "Correct horse"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(AccountMessages.Of(AccountProblem.WrongPassword), (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task RegistrationExplainsATakenNameAShortPasswordAndTwoPasswordsThatDiffer()
    {
        await app.SignedInAsync("dave");
        var store = app.Factory.Services.GetRequiredService<AccountStore>();

        Assert.Equal(AccountProblem.NameTaken, (await store.RegisterAsync("DAVE", "long enough", "long enough")).Problem);
        Assert.Equal(AccountProblem.PasswordTooShort, (await store.RegisterAsync("erin", "short", "short")).Problem);
        Assert.Equal(AccountProblem.PasswordsDiffer, (await store.RegisterAsync("erin", "long enough", "long enougH")).Problem);
        Assert.Equal(AccountProblem.NameInvalid, (await store.RegisterAsync("erin smith", "long enough", "long enough")).Problem);
        var page = await AccountsApp.PostFormAsync(app.Factory.CreateClient(), "/register", "/account/register", new()
        {
            ["name"] = "dave",
            ["password"] = "long enough",
            ["confirmation"] = "long enough",
        });
        Assert.Contains(AccountMessages.Of(AccountProblem.NameTaken), WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AnAdminNameCannotBeRegisteredFromAnotherMachine()
    {
        var response = await AccountsApp.PostFormAsync(app.Factory.CreateClient(), "/register", "/account/register", new()
        {
            ["name"] = "Boss",
            ["password"] = "i am the boss",
            ["confirmation"] = "i am the boss",
        });

        Assert.Contains(AccountMessages.Of(AccountProblem.NameReserved), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(AccountProblem.WrongPassword, (await app.Factory.Services.GetRequiredService<AccountStore>().SignInAsync("boss", "i am the boss")).Problem);
    }

    [Fact]
    public async Task SomeoneElseCannotCancelOrDeleteAJobButItsOwnerAndAnAdminCan()
    {
        var alice = await app.SignedInAsync("alice");
        var bob = await app.SignedInAsync("bob");
        var boss = await app.SignedInAsync("boss");
        var first = await alice.SubmitAsync(TestPictures.PublicJobForm());
        var second = await alice.SubmitAsync(TestPictures.PublicJobForm());

        var refused = await bob.DeleteAsync($"/api/jobs/{first.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(JobState.Queued, (await bob.StatusAsync(first.Id)).State);
        Assert.False((await bob.StatusAsync(first.Id)).YouMayChangeIt);
        Assert.True((await boss.StatusAsync(first.Id)).YouMayChangeIt);
        Assert.Equal(HttpStatusCode.Accepted, (await boss.DeleteAsync($"/api/jobs/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await alice.DeleteAsync($"/api/jobs/{second.Id}")).StatusCode);
        Assert.Equal(JobState.Canceled, (await alice.StatusAsync(first.Id)).State);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.DeleteAsync($"/api/gallery/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await boss.DeleteAsync($"/api/gallery/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/gallery/{second.Id}")).StatusCode);
    }

    [Fact]
    public async Task OnlyAnAdminMayDownloadANetworkOntoASharedServer()
    {
        using var closed = new AccountsApp(concurrency: 0, new Dictionary<string, string>
        {
            // A port nothing listens on: the admin's download starts, then fails at once without leaving the machine.
            ["NeuralStyle:Models:Sources:vgg19-torchvision"] = "http://127.0.0.1:9/vgg19.pth",
        });
        var bob = await closed.SignedInAsync("bob");
        var boss = await closed.SignedInAsync("boss");

        var anonymous = await closed.Factory.CreateClient().PostAsync("/api/models/weights/vgg19-torchvision/download", null);
        var person = await bob.PostAsync("/api/models/weights/vgg19-torchvision/download", null);
        var admin = await boss.PostAsync("/api/models/weights/vgg19-torchvision/download", null);

        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, person.StatusCode);
        Assert.Equal("Only an administrator can do this.", (await person.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        Assert.Equal(HttpStatusCode.Accepted, admin.StatusCode);
        var page = await bob.GetStringAsync("/status");
        Assert.Contains("An administrator of this server can download one here, signed in.", page);
        Assert.DoesNotContain("data-testid=\"download\"", page);
    }

    [Fact]
    public async Task ThePageHeaderShowsWhoIsSignedInAndSigningOutEndsIt()
    {
        var boss = app.Factory.CreateClient();
        // The admin registers on the server itself; through the store here, as TestServer has no loopback address.
        await app.Factory.Services.GetRequiredService<AccountStore>().RegisterAsync("boss", AccountsApp.Password, AccountsApp.Password);
        var signedIn = await AccountsApp.PostFormAsync(boss, "/signin", "/account/signin", new() { ["name"] = "boss", ["password"] = AccountsApp.Password, ["returnUrl"] = "/gallery" });

        Assert.Equal("/gallery", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Matches("Signed in as <b[^>]*>boss</b> \\(admin\\)", await signedIn.Content.ReadAsStringAsync());
        var signedOut = await AccountsApp.PostFormAsync(boss, "/gallery", "/account/signout", []);
        Assert.Contains("data-testid=\"sign-in-link\"", await signedOut.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await boss.PostAsync("/api/jobs", TestPictures.JobForm())).StatusCode);
    }

    [Fact]
    public async Task GuessingPasswordsQuicklyIsRefusedWith429()
    {
        using var strict = new AccountsApp(concurrency: 0, settings: new Dictionary<string, string> { ["NeuralStyle:Limits:SignInAttemptsPerMinute"] = "3" });
        var guesser = strict.Factory.CreateClient();
        await guesser.GetAsync("/healthz");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.PostAsJsonAsync("/api/account/signin", new Credentials("boss", $"guess {i}"))).StatusCode);
        }

        var refused = await guesser.PostAsJsonAsync("/api/account/signin", new Credentials("boss", "guess 3"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task ASignInAddressCannotSendSomeoneToAnotherSite()
    {
        await app.Factory.Services.GetRequiredService<AccountStore>().RegisterAsync("frank", AccountsApp.Password, AccountsApp.Password);

        var response = await AccountsApp.PostFormAsync(app.Factory.CreateClient(), "/signin", "/account/signin", new()
        {
            ["name"] = "frank",
            ["password"] = AccountsApp.Password,
            ["returnUrl"] = "//evil.example/steal",
        });

        Assert.Equal("localhost", response.RequestMessage!.RequestUri!.Host);
        Assert.Equal("/", response.RequestMessage.RequestUri.AbsolutePath);
    }

    [Fact]
    public async Task WithSignInOffTheSignInApiSaysSoAndAnonymousPeopleStillSubmit()
    {
        var factory = new StyleAppFactory(StyleAppFactory.NewDataFolder(), concurrency: 0);
        try
        {
            var client = factory.CreateClient();
            var response = await client.PostAsJsonAsync("/api/account/signin", new Credentials("x", "y"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(AccountMessages.Of(AccountProblem.AccountsOff), (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
            await client.SubmitAsync(TestPictures.JobForm());
            Assert.DoesNotContain("data-testid=\"sign-in", await client.GetStringAsync("/"));
        }
        finally
        {
            factory.Dispose();
            Directory.Delete(factory.DataFolder, recursive: true);
        }
    }
}
