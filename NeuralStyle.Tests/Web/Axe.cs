using System.Text.Json;
using Microsoft.Playwright;

namespace NeuralStyle.Tests.Web;

/// <summary>One rule axe-core found broken, with the elements that break it.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Impact} {Id}: {Help} ({string.Join("; ", Targets)})";
}

/// <summary>
/// axe-core (the npm package, which scripts/test.sh installs into NeuralStyle.Tests/node_modules) run inside a page.
/// The page loads it as a script from its own origin, so the site's Content-Security-Policy (script-src 'self') stays
/// in force: the browser fetches the address, and the test answers that one request with the package's file.
/// </summary>
public static class Axe
{
    private const string ScriptPath = "/__tests__/axe.min.js";

    private static readonly Lazy<string?> Script = new(() => Find() is { } path ? File.ReadAllText(path) : null);

    /// <summary>The serious and critical violations on the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> SeriousViolationsAsync(IPage page)
    {
        Assert.True(Script.Value is not null, "This test needs axe-core: run scripts/test.sh once, or npm ci --prefix NeuralStyle.Tests.");
        var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        await page.RouteAsync(origin + ScriptPath, route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "application/javascript",
            Body = Script.Value,
        }));
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = origin + ScriptPath });
        }

        var json = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary ?? '')) }));
            }
            """);
        return json.EnumerateArray()
            .Select(v => new AxeViolation(
                v.GetProperty("id").GetString()!,
                v.GetProperty("impact").GetString()!,
                v.GetProperty("help").GetString()!,
                v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList()))
            .Where(v => v.Impact is "serious" or "critical")
            .ToList();
    }

    /// <summary>The package's script, in NeuralStyle.Tests/node_modules above the test's output folder.</summary>
    private static string? Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(folder.FullName, "node_modules"), Path.Combine(folder.FullName, "NeuralStyle.Tests", "node_modules") })
            {
                var path = Path.Combine(candidate, "axe-core", "axe.min.js");
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
