using Microsoft.Playwright;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// The pages on a phone (390 x 844, as an iPhone 12 to 15 shows them), measured in Chromium: the navigation fits and no
/// two of its links overlap, no button's text or icon is cut off or drawn over its label, and nothing makes the page
/// scroll sideways.
/// </summary>
public sealed class PhoneLayoutTests
{
    /// <summary>Everything on the page that is cut off, overlapping or outside the window, one sentence each.</summary>
    private const string FindProblems =
        """
        () => {
          const problems = [];
          const width = document.documentElement.clientWidth;
          const shown = e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
          const name = e => e.getAttribute('data-testid') || e.getAttribute('aria-label') || e.textContent.trim().replace(/\s+/g, ' ').slice(0, 40);
          const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          if (document.documentElement.scrollWidth > width + 1) {
            problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window`);
          }
          for (const e of [...document.querySelectorAll('.mud-button-root, a, h1, h2, .mud-chip')].filter(shown)) {
            const r = e.getBoundingClientRect();
            if (r.left < -1 || r.right > width + 1) {
              problems.push(`'${name(e)}' reaches outside the window (${Math.round(r.left)} to ${Math.round(r.right)} px)`);
            }
            const text = e.querySelector('.mud-button-label') ?? e;
            if (getComputedStyle(text).display !== 'inline' && (text.scrollWidth > text.clientWidth + 1 || text.scrollHeight > text.clientHeight + 1)) {
              problems.push(`'${name(e)}' is cut off: ${text.scrollWidth} x ${text.scrollHeight} px of content in ${text.clientWidth} x ${text.clientHeight}`);
            }
            const icon = e.querySelector('.mud-button-icon-start');
            if (icon && shown(icon)) {
              for (const node of [...text.childNodes].filter(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) {
                const range = document.createRange();
                range.selectNodeContents(node);
                if (meet(icon.getBoundingClientRect(), range.getBoundingClientRect())) {
                  problems.push(`'${name(e)}': its icon is drawn over its words`);
                }
              }
            }
          }
          const links = [...document.querySelectorAll('[data-testid=navigation] a, [data-testid=sign-in-link], [data-testid=sign-out]')].filter(shown);
          for (let i = 0; i < links.length; i++) {
            for (let j = i + 1; j < links.length; j++) {
              if (meet(links[i].getBoundingClientRect(), links[j].getBoundingClientRect())) {
                problems.push(`the navigation's '${name(links[i])}' and '${name(links[j])}' overlap`);
              }
            }
          }
          return problems;
        }
        """;

    [Fact]
    public async Task OnAPhoneNothingIsCutOffOrOverlapsOnCreateTheJobTheGalleryAndStatus()
    {
        var factory = new StyleAppFactory(StyleAppFactory.NewDataFolder());
        await using var session = await BrowserSession.StartAsync(factory);
        try
        {
            var page = await session.VisitorAsync(390, 844);
            await page.GotoAsync(session.BaseUrl + "/");
            var finished = await BrowserSession.SubmitAsync(page, session.BaseUrl, new Dictionary<string, string> { ["size"] = "48", ["iterations"] = "5" });
            await BrowserSession.WaitForStateAsync(page, session.BaseUrl, finished, "succeeded");
            factory.Scripted.IterationTime = TimeSpan.FromMilliseconds(200);
            var running = await BrowserSession.SubmitAsync(page, session.BaseUrl, new Dictionary<string, string> { ["size"] = "48", ["iterations"] = "1000" });
            await BrowserSession.WaitForStateAsync(page, session.BaseUrl, running, "running");

            // The Create page with its pictures chosen, so that Start and the other buttons are enabled and drawn in full.
            await page.GotoAsync(session.BaseUrl + "/");
            await BrowserSession.UntilVisible(page, "[data-testid=content-preview]", () => page.Locator("[data-testid=sample-content]").First.ClickAsync());
            await BrowserSession.UntilVisible(page, "[data-testid=style-preview]", () => page.Locator("[data-testid=sample-style]").First.ClickAsync());
            await page.Locator("[data-testid=start]:not([disabled])").WaitForAsync();
            var problems = (await page.EvaluateAsync<string[]>(FindProblems)).Select(p => $"/: {p}").ToList();
            var start = page.Locator("[data-testid=start]");
            Assert.Equal("START", (await start.InnerTextAsync()).Trim());
            var network = page.Locator("[data-testid=network-view]");
            Assert.Equal(1, await network.EvaluateAsync<int>("b => Math.round(b.querySelector('.mud-button-label').getBoundingClientRect().height / parseFloat(getComputedStyle(b).lineHeight))"));

            foreach (var (address, ready) in new[]
            {
                ($"/jobs/{running}", "[data-testid=progress-text]"),
                ($"/jobs/{finished}", "[data-testid=result]"),
                ("/gallery", "[data-testid=gallery-item]"),
                ($"/gallery/{finished}", "[data-testid=settings]"),
                ("/status", "[data-testid=model]"),
            })
            {
                await page.GotoAsync(session.BaseUrl + address);
                await page.Locator(ready).First.WaitForAsync();
                problems.AddRange((await page.EvaluateAsync<string[]>(FindProblems)).Select(p => $"{address}: {p}"));
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        finally
        {
            await factory.DisposeAsync();
            Directory.Delete(factory.DataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task OnAPhoneTheNavigationWithSignInOrTheSignedInNameFits()
    {
        using var app = new AccountsApp();
        await using var session = await BrowserSession.StartAsync(app.Factory);
        var page = await session.VisitorAsync(390, 844);

        await page.GotoAsync(session.BaseUrl + "/signin");
        await page.Locator("[data-testid=sign-in-link]").WaitForAsync();
        var problems = (await page.EvaluateAsync<string[]>(FindProblems)).Select(p => $"signed out: {p}").ToList();

        await page.GotoAsync(session.BaseUrl + "/register?returnUrl=%2Fgallery");
        await page.FillAsync("[data-testid=name]", "Bartholomew_Longname");
        await page.FillAsync("[data-testid=password]", AccountsApp.Password);
        await page.FillAsync("[data-testid=confirmation]", AccountsApp.Password);
        await page.ClickAsync("[data-testid=submit]");
        await page.Locator("[data-testid=signed-in-as]").WaitForAsync();
        problems.AddRange((await page.EvaluateAsync<string[]>(FindProblems)).Select(p => $"signed in: {p}"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
