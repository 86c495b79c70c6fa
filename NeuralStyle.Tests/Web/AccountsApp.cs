using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Accounts;

namespace NeuralStyle.Tests.Web;

/// <summary>The application with sign-in on (admin "boss"), and clients that are signed in as someone.</summary>
public sealed partial class AccountsApp : IDisposable
{
    public const string Password = "correct horse";

    public AccountsApp(int concurrency = 1, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            ["NeuralStyle:Accounts:Enabled"] = "true",
            ["NeuralStyle:Accounts:Admins:0"] = "boss",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        Factory = new StyleAppFactory(StyleAppFactory.NewDataFolder(), concurrency, settings: all);
    }

    public StyleAppFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        Directory.Delete(Factory.DataFolder, recursive: true);
    }

    /// <summary>A browser-like client (keeps cookies) signed in as a new account with that name.</summary>
    public async Task<HttpClient> SignedInAsync(string name)
    {
        var registered = await Factory.Services.GetRequiredService<AccountStore>().RegisterAsync(name, Password, Password);
        Assert.Null(registered.Problem);
        var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/account/signin", new Credentials(name, Password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    /// <summary>The account cookie alone, as a non-browser client (the SignalR one) sends it.</summary>
    public async Task<string> AccountCookieAsync(string name)
    {
        await Factory.Services.GetRequiredService<AccountStore>().RegisterAsync(name, Password, Password);
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/account/signin", new Credentials(name, Password));
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("ns-account=", StringComparison.Ordinal));
    }

    /// <summary>Posts a page's form as a browser would: with the antiforgery token the page rendered.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = TokenField().Match(html);
        Assert.True(token.Success, $"{page} has no antiforgery token.");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
