using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace NeuralStyle.Tests.Web;

/// <summary>Sign-in in a real browser (headless Chromium) against Kestrel, under the site's Content-Security-Policy.</summary>
public sealed class SignInEndToEndTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly AccountsApp app = new();
    private readonly int port = FreePort();
    private IPlaywright? playwright;
    private IBrowser? browser;

    private string BaseUrl => $"http://127.0.0.1:{port}";

    public async Task InitializeAsync()
    {
        app.Factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        app.Factory.StartServer();
        if (File.Exists(Chromium))
        {
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        app.Dispose();
    }

    [Fact]
    public async Task APersonIsAskedToSignInMakesAnAccountAndThenSeesTheFormAndTheirName()
    {
        Assert.True(browser is not null, $"This test needs Chromium at {Chromium} (apt-get install -y chromium).");
        var page = await browser.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };

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
        await page.Locator("[data-testid=private]").WaitForAsync();
        await page.ClickAsync("[data-testid=sign-out]");
        await page.Locator("[data-testid=sign-in-prompt]").WaitForAsync();
        Assert.Empty(blocked);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
