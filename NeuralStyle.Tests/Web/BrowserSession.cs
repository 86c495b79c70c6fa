using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// The application on a real Kestrel at a free port of 127.0.0.1 and a headless Chromium to drive it, for the
/// end-to-end tests. Without Chromium, <see cref="Browser"/> is null and the tests say how to install it.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? playwright;

    private BrowserSession(string baseUrl) => BaseUrl = baseUrl;

    public string BaseUrl { get; }

    public IBrowser? Browser { get; private set; }

    public static async Task<BrowserSession> StartAsync(WebApplicationFactory<Program> factory)
    {
        var session = new BrowserSession(LocalServer.Start(factory).ToString().TrimEnd('/'));
        if (File.Exists(Chromium))
        {
            session.playwright = await Playwright.CreateAsync();
            session.Browser = await session.playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                // As root in a container, and with no internet: keep Chromium from calling home.
                Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
        }

        return session;
    }

    /// <summary>The browser, or a failed assertion that says how to get it.</summary>
    public IBrowser Require()
    {
        Assert.True(Browser is not null, $"This test needs Chromium at {Chromium} (apt-get install -y chromium).");
        return Browser;
    }

    /// <summary>A page in a browser context of its own (its own cookies: a visitor of its own), at that window size.</summary>
    public async Task<IPage> VisitorAsync(int width = 1280, int height = 900, string? locale = null, string? timeZone = null)
    {
        var context = await Require().NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = timeZone,
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Submits a job as the page's visitor (the request carries the page's cookies) at <paramref name="baseUrl"/>,
    /// with a small photo and painting; returns its id.
    /// </summary>
    public static async Task<Guid> SubmitAsync(IPage page, string baseUrl, IDictionary<string, string> fields)
    {
        var form = page.APIRequest.CreateFormData();
        form.Set("content", new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = TestPictures.Png(96, 64, 30) });
        form.Append("style", new FilePayload { Name = "painting.png", MimeType = "image/png", Buffer = TestPictures.Png(48, 48, 230) });
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        var response = await page.APIRequest.PostAsync(baseUrl + "/api/jobs", new APIRequestContextOptions { Multipart = form });
        Assert.True(response.Status == 202, await response.TextAsync());
        return Guid.Parse((await response.JsonAsync())!.Value.GetProperty("id").GetString()!);
    }

    /// <summary>Waits until the page's visitor sees the job in <paramref name="state"/> (as the API writes it: running, succeeded...).</summary>
    public static async Task WaitForStateAsync(IPage page, string baseUrl, Guid id, string state, double seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var status = await (await page.APIRequest.GetAsync($"{baseUrl}/api/jobs/{id}")).JsonAsync();
            if (status?.GetProperty("state").GetString() == state)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Job {id} did not reach {state}: {status}");
            await Task.Delay(50);
        }
    }

    /// <summary>Collects the console's Content-Security-Policy violations of <paramref name="page"/>: the list should stay empty.</summary>
    public static List<string> WatchPolicyViolations(IPage page)
    {
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };
        return blocked;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    /// <summary>
    /// Acts until <paramref name="selector"/> shows, up to six times. A page is served before its interactive circuit
    /// connects, and what a person does while the circuit replaces the served page can be lost: a file picked then is
    /// not seen, a click can land between the old button and the new.
    /// </summary>
    public static async Task UntilVisible(IPage page, string selector, Func<Task> act)
    {
        for (var attempt = 0; ; attempt++)
        {
            await act();
            try
            {
                await page.Locator(selector).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }
}
