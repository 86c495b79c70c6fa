using Microsoft.Playwright;

namespace NeuralStyle.Tests.Web;

/// <summary>A real browser (headless Chromium) against a real Kestrel on 127.0.0.1, with the scripted engine.</summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());
    private readonly string screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private BrowserSession session = default!;

    private string BaseUrl => session.BaseUrl;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(screenshots);
        session = await BrowserSession.StartAsync(factory);
    }

    public async Task DisposeAsync()
    {
        await session.DisposeAsync();
        await factory.DisposeAsync();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task APersonUploadsTwoPicturesWatchesTheRunAndFindsTheResultInTheGallery()
    {
        var browser = session.Require();
        factory.Scripted.IterationTime = TimeSpan.FromMilliseconds(40);
        var folder = Directory.CreateTempSubdirectory("neuralstyle-e2e-").FullName;
        var contentFile = Path.Combine(folder, "photo.png");
        var styleFile = Path.Combine(folder, "painting.png");
        await File.WriteAllBytesAsync(contentFile, TestPictures.Png(96, 64, 30));
        await File.WriteAllBytesAsync(styleFile, TestPictures.Png(48, 48, 230));
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var blocked = BrowserSession.WatchPolicyViolations(page);

        await page.GotoAsync(BaseUrl + "/");
        await BrowserSession.UntilVisible(page, "[data-testid=content-preview]", () => page.SetInputFilesAsync("[data-testid=content-input]", contentFile));
        await BrowserSession.UntilVisible(page, "[data-testid=style-preview]", () => page.SetInputFilesAsync("[data-testid=style-input]", styleFile));
        await page.GetByLabel("Iterations").FillAsync("80");
        await page.GetByLabel("Output size (pixels)").FillAsync("48");
        await page.GetByLabel("Output size (pixels)").BlurAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "1-create.png"), FullPage = true });
        await page.ClickAsync("[data-testid=start]");

        try
        {
            // Blazor navigates within the page (history.pushState), sometimes before this line runs. WaitForURL with
            // WaitUntil.Commit then waits for a commit that already happened; reading the address itself cannot miss it.
            await page.WaitForFunctionAsync("() => /\\/jobs\\/[0-9a-f-]{36}$/.test(location.pathname)", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "failed-start.png"), FullPage = true });
            throw;
        }

        var frame = page.Locator("[data-testid=live-frame]");
        await frame.WaitForAsync();
        var firstFrame = await frame.GetAttributeAsync("src");
        var chart = page.Locator("[data-testid=loss-chart]");
        var firstPoints = int.Parse((await chart.GetAttributeAsync("data-points"))!);
        await page.WaitForFunctionAsync(
            "([src, points]) => { const f = document.querySelector('[data-testid=live-frame]'); const c = document.querySelector('[data-testid=loss-chart]');"
            + " return f && c && f.getAttribute('src') !== src && Number(c.getAttribute('data-points')) > points; }",
            new object[] { firstFrame!, firstPoints });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "2-running.png"), FullPage = true });

        await page.Locator("[data-testid=result]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.Equal("80", await chart.GetAttributeAsync("data-points"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "3-finished.png"), FullPage = true });
        var jobId = page.Url[^36..];

        await page.GotoAsync(BaseUrl + "/gallery");
        var item = page.Locator($"a[href='/gallery/{jobId}']");
        await item.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "4-gallery.png"), FullPage = true });
        await item.ClickAsync();
        await page.Locator("[data-testid=settings]").WaitForAsync();
        Assert.Contains("48 px", await page.Locator("[data-testid=settings]").InnerTextAsync());
        Assert.Empty(blocked);
        Directory.Delete(folder, recursive: true);
    }
}
