using System.Globalization;
using Microsoft.Playwright;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// Whose pictures are whose, in a real browser: a private picture under "Mine" and nowhere for others, the same
/// picture still "Mine" once its maker signs in, a delete that asks first, and dates in the visitor's own way.
/// </summary>
public sealed class GalleryEndToEndTests
{
    [Fact]
    public async Task APictureMadeBeforeSigningInIsPrivateAndBecomesTheAccountsOnce()
    {
        var folder = StyleAppFactory.NewDataFolder();
        var before = new StyleAppFactory(folder);
        await using var session = await BrowserSession.StartAsync(before);
        try
        {
            // A server without sign-in, as a lab server runs before someone turns accounts on.
            var maker = await session.VisitorAsync();
            await maker.GotoAsync(session.BaseUrl + "/");
            await BrowserSession.UntilVisible(maker, "[data-testid=content-preview]", () => maker.Locator("[data-testid=sample-content]").First.ClickAsync());
            await BrowserSession.UntilVisible(maker, "[data-testid=style-preview]", () => maker.Locator("[data-testid=sample-style]").First.ClickAsync());
            await maker.GetByLabel("Iterations").FillAsync("5");
            await maker.GetByLabel("Output size (pixels)").FillAsync("48");
            await maker.GetByLabel("Output size (pixels)").BlurAsync();
            Assert.False(await maker.Locator("input[data-testid=public]").IsCheckedAsync());
            await maker.ClickAsync("[data-testid=start]");
            await maker.WaitForFunctionAsync("() => /\\/jobs\\/[0-9a-f-]{36}$/.test(location.pathname)");
            var id = Guid.Parse(maker.Url[^36..]);
            await maker.Locator("[data-testid=result]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

            await maker.GotoAsync(session.BaseUrl + "/gallery?show=mine");
            Assert.Contains("only you see it", await maker.Locator($"a[href='/gallery/{id}'] [data-testid=ownership]").InnerTextAsync());
            var stranger = await session.VisitorAsync();
            await stranger.GotoAsync(session.BaseUrl + "/gallery");
            await stranger.Locator("[data-testid=gallery-empty]").WaitForAsync();
            await before.DisposeAsync();

            // The same data folder, now with sign-in; the maker's browser keeps its cookies (they go by host, not port).
            await using var after = new StyleAppFactory(folder, settings: new Dictionary<string, string> { ["NeuralStyle:Accounts:Enabled"] = "true" });
            var signedIn = LocalServer.Start(after).ToString().TrimEnd('/');
            await RegisterAsync(maker, signedIn, "maker");
            await maker.GotoAsync(signedIn + "/gallery?show=mine");
            await maker.Locator($"a[href='/gallery/{id}']").WaitForAsync();
            Assert.Contains("only you see it", await maker.Locator($"a[href='/gallery/{id}'] [data-testid=ownership]").InnerTextAsync());
            await maker.GotoAsync(signedIn + $"/gallery/{id}");
            await maker.Locator("[data-testid=delete]").WaitForAsync();

            await RegisterAsync(stranger, signedIn, "stranger");
            await stranger.GotoAsync(signedIn + "/gallery?show=mine");
            await stranger.Locator("[data-testid=gallery-empty]").WaitForAsync();
            await stranger.GotoAsync(signedIn + "/gallery");
            await stranger.Locator("[data-testid=gallery-empty]").WaitForAsync();
        }
        finally
        {
            await before.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DeletingAsksFirstKeepsThePictureOnNoAndSaysItIsGoneOnYes()
    {
        var factory = new StyleAppFactory(StyleAppFactory.NewDataFolder());
        await using var session = await BrowserSession.StartAsync(factory);
        try
        {
            var page = await session.VisitorAsync();
            await page.GotoAsync(session.BaseUrl + "/");
            var id = await BrowserSession.SubmitAsync(page, session.BaseUrl, new Dictionary<string, string> { ["size"] = "48", ["iterations"] = "3" });
            await BrowserSession.WaitForStateAsync(page, session.BaseUrl, id, "succeeded");
            await page.GotoAsync(session.BaseUrl + $"/gallery/{id}");

            await BrowserSession.UntilVisible(page, ".mud-dialog", () => page.ClickAsync("[data-testid=delete]"));
            Assert.Contains("Delete this picture?", await page.Locator(".mud-dialog").InnerTextAsync());
            await page.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
            await page.Locator(".mud-dialog").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            Assert.Equal(200, (await page.APIRequest.GetAsync(session.BaseUrl + $"/api/jobs/{id}/result")).Status);

            await page.ClickAsync("[data-testid=delete]");
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete it" }).ClickAsync();

            await page.GetByText("The picture was deleted.").WaitForAsync();
            await page.Locator("[data-testid=gallery-empty]").WaitForAsync();
            Assert.EndsWith("/gallery?show=mine", page.Url);
            Assert.Equal(404, (await page.APIRequest.GetAsync(session.BaseUrl + $"/api/jobs/{id}/result")).Status);
        }
        finally
        {
            await factory.DisposeAsync();
            Directory.Delete(factory.DataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task DatesAreShownInTheVisitorsLanguageAndTimeZone()
    {
        var factory = new StyleAppFactory(StyleAppFactory.NewDataFolder());
        await using var session = await BrowserSession.StartAsync(factory);
        try
        {
            var german = await session.VisitorAsync(locale: "de-DE", timeZone: "Europe/Berlin");
            await german.GotoAsync(session.BaseUrl + "/");
            var id = await BrowserSession.SubmitAsync(german, session.BaseUrl, new Dictionary<string, string> { ["size"] = "48", ["iterations"] = "3", ["private"] = "false" });
            await BrowserSession.WaitForStateAsync(german, session.BaseUrl, id, "succeeded");
            var created = (await (await german.APIRequest.GetAsync(session.BaseUrl + $"/api/jobs/{id}")).JsonAsync())!.Value.GetProperty("createdAt").GetDateTimeOffset();
            var british = await session.VisitorAsync(locale: "en-GB", timeZone: "Asia/Tokyo");

            var inGerman = await ShownDateAsync(german, session.BaseUrl + $"/gallery/{id}");
            var inBritish = await ShownDateAsync(british, session.BaseUrl + $"/gallery/{id}");

            var berlin = TimeZoneInfo.ConvertTime(created, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
            var tokyo = TimeZoneInfo.ConvertTime(created, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
            Assert.Equal($"{berlin:dd.MM.yyyy}, {berlin:HH:mm}", inGerman);
            Assert.StartsWith($"{tokyo.Day} {tokyo.ToString("MMM", CultureInfo.InvariantCulture)} {tokyo.Year}", inBritish);
            Assert.EndsWith($"{tokyo:HH:mm}", inBritish);
        }
        finally
        {
            await factory.DisposeAsync();
            Directory.Delete(factory.DataFolder, recursive: true);
        }
    }

    /// <summary>The date the gallery page's heading shows, as the visitor reads it (the element draws it in its shadow root).</summary>
    private static async Task<string> ShownDateAsync(IPage page, string address)
    {
        await page.GotoAsync(address);
        var date = page.Locator("local-time[data-testid=created]");
        await date.WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('local-time[data-testid=created]').shadowRoot?.textContent");
        return await date.EvaluateAsync<string>("e => e.shadowRoot.textContent");
    }

    private static async Task RegisterAsync(IPage page, string baseUrl, string name)
    {
        await page.GotoAsync(baseUrl + "/register");
        await page.FillAsync("[data-testid=name]", name);
        await page.FillAsync("[data-testid=password]", AccountsApp.Password);
        await page.FillAsync("[data-testid=confirmation]", AccountsApp.Password);
        await page.ClickAsync("[data-testid=submit]");
        await page.Locator("[data-testid=signed-in-as]").WaitForAsync();
    }
}
