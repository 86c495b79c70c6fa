using Microsoft.Playwright;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// A visitor with the keyboard alone, in Chromium: Tab reaches what they need, each stop shows a clear ring, and Enter
/// does what a click does.
/// </summary>
public sealed class KeyboardTests : IAsyncLifetime
{
    /// <summary>The element Tab has reached, its focus ring (the ring of the drop zone around a hidden file input) and its name.</summary>
    private const string Focused =
        """
        () => {
          const e = document.activeElement;
          const ringed = e.matches('input[type=file]') ? e.closest('.drop-zone') : e;
          const s = getComputedStyle(ringed);
          return {
            name: e.getAttribute('data-testid') || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30),
            ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? s.outlineWidth + ' ' + s.outlineColor : ''
          };
        }
        """;

    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());
    private BrowserSession session = default!;

    public async Task InitializeAsync() => session = await BrowserSession.StartAsync(factory);

    public async Task DisposeAsync()
    {
        await session.DisposeAsync();
        await factory.DisposeAsync();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task FromAColdCreatePageTheKeyboardAlonePicksTwoSamplesAndStartsAPicture()
    {
        var page = await session.VisitorAsync();
        var blocked = BrowserSession.WatchPolicyViolations(page);
        await page.GotoAsync(session.BaseUrl + "/");
        await page.Locator("h1").WaitForAsync();

        var dropZone = await TabToAsync(page, "[data-testid=content-input]");
        Assert.NotEqual("", dropZone.Ring);
        await EnterUntilVisibleAsync(page, "[data-testid=sample-content]", "[data-testid=content-preview]");
        await EnterUntilVisibleAsync(page, "[data-testid=sample-style]", "[data-testid=style-preview]");
        var start = await TabToAsync(page, "[data-testid=start]");
        Assert.NotEqual("", start.Ring);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForFunctionAsync("() => /\\/jobs\\/[0-9a-f-]{36}$/.test(location.pathname)", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.Locator("[data-testid=state]").WaitForAsync();
        Assert.Equal("Your picture", await page.Locator("h1").InnerTextAsync());
        Assert.Empty(blocked);
    }

    [Fact]
    public async Task GalleryThumbnailsTheSwitchesAndTheNavigationShowWhereTheFocusIs()
    {
        var page = await session.VisitorAsync();
        await page.GotoAsync(session.BaseUrl + "/");
        var id = await BrowserSession.SubmitAsync(page, session.BaseUrl, new Dictionary<string, string> { ["size"] = "48", ["iterations"] = "3" });
        await BrowserSession.WaitForStateAsync(page, session.BaseUrl, id, "succeeded");

        await page.GotoAsync(session.BaseUrl + "/gallery");
        await page.Locator("[data-testid=gallery-item]").WaitForAsync();
        var thumbnail = await TabToAsync(page, "[data-testid=gallery-item]");
        var navigation = await TabToAsync(page, "[data-testid=navigation] a");
        await page.GotoAsync(session.BaseUrl + $"/gallery/{id}");
        await page.Locator("[data-testid=sharing]").WaitForAsync();
        var everyone = await TabToAsync(page, "input[data-testid=public]");

        Assert.NotEqual("", thumbnail.Ring);
        Assert.NotEqual("", navigation.Ring);
        Assert.NotEqual("", everyone.Ring);
    }

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus; fails with the stops on the way if it never does.</summary>
    private static async Task<(string Name, string Ring)> TabToAsync(IPage page, string selector)
    {
        var stops = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<Stop>(Focused);
            stops.Add(focused.Name);
            if (await page.EvaluateAsync<bool>("s => document.activeElement.matches(s)", selector))
            {
                return (focused.Name, focused.Ring);
            }
        }

        Assert.Fail($"Tab never reached {selector}; it went: {string.Join(" → ", stops)}");
        return default;
    }

    /// <summary>
    /// Tabs to <paramref name="selector"/> and presses Enter until <paramref name="shows"/> appears. A page is served before
    /// its interactive circuit connects, and a key pressed in between does nothing; the circuit then re-renders the page and
    /// the focus starts again from the top, as it would for a person.
    /// </summary>
    private static async Task EnterUntilVisibleAsync(IPage page, string selector, string shows)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!await page.EvaluateAsync<bool>("s => document.activeElement.matches(s)", selector))
            {
                await TabToAsync(page, selector);
            }

            await page.Keyboard.PressAsync("Enter");
            try
            {
                await page.Locator(shows).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }

    private sealed class Stop
    {
        public string Name { get; set; } = "";

        public string Ring { get; set; } = "";
    }
}
