using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NeuralStyle.Web.Cli;

/// <summary>
/// This very executable started again as the web application in a child process on a free port of 127.0.0.1, so a
/// benchmark's clients and the server do not share a runtime, as a browser and a server would not.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the server with <paramref name="settings"/> (configuration keys and values) and waits until it answers.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan patience)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = Launcher();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        start.ArgumentList.Add($"--Urls={address}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start) ?? throw new CliException("Could not start the server process.");
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new CliException($"The server process stopped at start (exit code {process.ExitCode}): {errors.ToString().Trim()}");
            }

            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        await server.DisposeAsync();
        throw new CliException($"The server did not answer within {patience.TotalSeconds:F0} seconds.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>
    /// The web application's own assembly, not the entry one: the verb may run inside another host (a test runner).
    /// Its folder holds its configuration and sample pictures.
    /// </summary>
    private static ProcessStartInfo Launcher()
    {
        var assembly = typeof(ServerProcess).Assembly.Location;
        var folder = Path.GetDirectoryName(assembly)!;
        var dotnet = Environment.ProcessPath is { } running && Path.GetFileNameWithoutExtension(running) == "dotnet" ? running : "dotnet";
        var start = new ProcessStartInfo(dotnet) { WorkingDirectory = folder };
        start.ArgumentList.Add(assembly);
        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
