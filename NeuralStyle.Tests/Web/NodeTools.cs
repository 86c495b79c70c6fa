using System.Diagnostics;
using System.Text;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// The npm tools in <c>NeuralStyle.Tests/Web/Clients</c> (Redocly's linter, openapi-typescript, TypeScript, SignalR's
/// JavaScript client), run with Node. <c>scripts/test.sh</c> installs them with <c>npm ci</c> when they are missing.
/// </summary>
public static class NodeTools
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "NeuralStyle.Tests", "Web", "Clients");

    /// <summary>The installed tools' folder, or a failed assertion that says how to install them.</summary>
    public static string Require()
    {
        Assert.True(
            File.Exists(Path.Combine(Folder, "node_modules", ".package-lock.json")),
            $"This test needs Node 20 or later and the npm tools of {Folder}: run ./scripts/test.sh, or 'npm ci' in that folder.");
        return Folder;
    }

    /// <summary>Runs <c>node</c> with <paramref name="arguments"/> in the tools' folder; <paramref name="onLine"/> sees each line it prints as it comes.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Require(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry or update checks: the tests reach nothing beyond 127.0.0.1.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        using var process = Process.Start(start)!;
        var (output, errors) = (new StringBuilder(), new StringBuilder());
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (output)
                {
                    output.AppendLine(text);
                }

                onLine?.Invoke(text);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (errors)
                {
                    errors.AppendLine(text);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var stop = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node {string.Join(' ', start.ArgumentList)} ran past {timeout.TotalSeconds} s. It printed: {output} {errors}");
        }

        // WaitForExitAsync returns once the process ends; the last lines may still be on their way to the handlers.
        process.WaitForExit();
        return (process.ExitCode, output.ToString(), errors.ToString());
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "NeuralStyle.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("NeuralStyle.sln not found above the test output.");
    }
}
