using Microsoft.Playwright;

namespace NeuralStyle.Tests.Web;

/// <summary>Sign-in in a real browser (headless Chromium) against Kestrel, under the site's Content-Security-Policy.</summary>
public sealed class SignInEndToEndTests : IAsyncLifetime
{
    private readonly AccountsApp app = new();
    private BrowserSession session = default!;

    private string BaseUrl => session.BaseUrl;

    public async Task InitializeAsync() => session = await BrowserSession.StartAsync(app.Factory);

    public async Task DisposeAsync()
    {
        await session.DisposeAsync();
        app.Dispose();
    }

    [Fact]
    public async Task APersonIsAskedToSignInMakesAnAccountAndThenSeesTheFormAndTheirName()
    {
        var page = await session.Require().NewPageAsync();
        var blocked = BrowserSession.WatchPolicyViolations(page);

        await page.GotoAsync(BaseUrl + "/");
        await page.Locator("[data-testid=sign-in-prompt]").WaitForAsync();
        await page.GotoAsync(BaseUrl + "/signin");
        await page.FillAsync("[data-testid=name]", "nobody");
        await page.FillAsync("[data-testid=password]", "not a password");
        await page.ClickAsync("[data-testid=submit]");
        await page.Locator("[data-testid=account-error]").WaitForAsync();
        Assert.Contains("do not match an account", await page.Locator("[data-testid=account-error]").InnerTextAsync());

        await page.GotoAsync(BaseUrl + "/register?returnUrl=%2F");
        await page.FillAsync("[data-testid=name]", "Grace");
        await page.FillAsync("[data-testid=password]", "brushstrokes");
        await page.FillAsync("[data-testid=confirmation]", "brushstrokes");
        await page.ClickAsync("[data-testid=submit]");

        try
        {
            await page.Locator("[data-testid=start]").WaitForAsync(new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail(page.Url + "\n" + await page.InnerTextAsync("body"));
        }
        Assert.Contains("Grace", await page.Locator("[data-testid=signed-in-as]").InnerTextAsync());
        await page.Locator("[data-testid=public]").WaitForAsync();
        await BrowserSession.UntilVisible(page, "[data-testid=sign-in-prompt]", async () =>
        {
            var signOut = page.Locator("[data-testid=sign-out]");
            if (await signOut.IsVisibleAsync())
            {
                await signOut.ClickAsync();
            }
        });
        Assert.Empty(blocked);
    }
}
