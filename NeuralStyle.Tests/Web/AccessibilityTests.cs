using Microsoft.Playwright;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// axe-core, run inside every page a visitor meets (in Chromium, on a real Kestrel, under the site's
/// Content-Security-Policy), at a desktop's and a phone's window size: no serious or critical violation.
/// </summary>
public sealed class AccessibilityTests
{
    private static readonly (int Width, int Height)[] WindowSizes = [(1280, 900), (390, 844)];

    [Fact]
    public async Task CreateJobsGalleryAndStatusHaveNoSeriousAccessibilityProblem()
    {
        var factory = new StyleAppFactory(StyleAppFactory.NewDataFolder());
        await using var session = await BrowserSession.StartAsync(factory);
        try
        {
            var page = await session.VisitorAsync();
            var blocked = BrowserSession.WatchPolicyViolations(page);
            await page.GotoAsync(session.BaseUrl + "/");
            var finished = await BrowserSession.SubmitAsync(page, session.BaseUrl, new Dictionary<string, string> { ["size"] = "48", ["iterations"] = "5" });
            await BrowserSession.WaitForStateAsync(page, session.BaseUrl, finished, "succeeded");
            factory.Scripted.IterationTime = TimeSpan.FromMilliseconds(200);
            var running = await BrowserSession.SubmitAsync(page, session.BaseUrl, new Dictionary<string, string> { ["size"] = "48", ["iterations"] = "1000", ["previewEvery"] = "1" });
            await BrowserSession.WaitForStateAsync(page, session.BaseUrl, running, "running");

            var problems = new List<string>();
            foreach (var (width, height) in WindowSizes)
            {
                await page.SetViewportSizeAsync(width, height);
                foreach (var (address, ready) in new[]
                {
                    ("/", "[data-testid=start]"),
                    ($"/jobs/{running}", "[data-testid=live-frame]"),
                    ($"/jobs/{finished}", "[data-testid=result]"),
                    ("/gallery", "[data-testid=gallery-item]"),
                    ("/gallery?show=mine", "[data-testid=gallery-item]"),
                    ($"/gallery/{finished}", "[data-testid=settings]"),
                    ("/status", "[data-testid=model]"),
                })
                {
                    problems.AddRange(await ProblemsAsync(page, session.BaseUrl + address, ready));
                }
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.Empty(blocked);
        }
        finally
        {
            await factory.DisposeAsync();
            Directory.Delete(factory.DataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task SignInAndTheCreatePageThatAsksForItHaveNoSeriousAccessibilityProblem()
    {
        using var app = new AccountsApp();
        await using var session = await BrowserSession.StartAsync(app.Factory);
        var page = await session.VisitorAsync();
        var blocked = BrowserSession.WatchPolicyViolations(page);

        var problems = new List<string>();
        foreach (var (width, height) in WindowSizes)
        {
            await page.SetViewportSizeAsync(width, height);
            problems.AddRange(await ProblemsAsync(page, session.BaseUrl + "/signin", "[data-testid=submit]"));
            problems.AddRange(await ProblemsAsync(page, session.BaseUrl + "/signin?problem=WrongPassword&name=someone", "[data-testid=account-error]"));
            problems.AddRange(await ProblemsAsync(page, session.BaseUrl + "/register", "[data-testid=submit]"));
            problems.AddRange(await ProblemsAsync(page, session.BaseUrl + "/", "[data-testid=sign-in-prompt]"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(blocked);
    }

    /// <summary>Opens <paramref name="address"/>, waits for <paramref name="ready"/>, and lists what axe-core finds serious there.</summary>
    private static async Task<IEnumerable<string>> ProblemsAsync(IPage page, string address, string ready)
    {
        await page.GotoAsync(address);
        await page.Locator(ready).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        var path = $"{new Uri(address).PathAndQuery} at {page.ViewportSize!.Width} px";
        Assert.Equal(1, await page.Locator("main").CountAsync());
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        return (await Axe.SeriousViolationsAsync(page)).Select(v => $"{path}: {v}");
    }
}
