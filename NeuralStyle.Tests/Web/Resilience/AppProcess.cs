using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NeuralStyle.Tests.Web.Resilience;

/// <summary>
/// The real server as its own process (<c>dotnet NeuralStyle.Web.dll</c>, the copy the test build put beside the
/// tests) on a free port of 127.0.0.1 with the real engine, so a test can kill it the way the kernel or an operator
/// would, and talk to a real Kestrel over sockets.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private AppProcess(Process process, ConcurrentQueue<string> output, Uri address)
    {
        this.process = process;
        this.output = output;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>What the server wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output => string.Join('\n', output.TakeLast(60));

    /// <summary>
    /// Starts the server on <paramref name="dataFolder"/> and returns once it answers. The rate limits are lifted
    /// (tests poll far faster than a person) unless <paramref name="settings"/> sets them.
    /// </summary>
    public static async Task<AppProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string>? settings = null, double seconds = 60)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WebProjectFolder(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NeuralStyle.Web.dll"));
        var all = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["contentRoot"] = WebProjectFolder(),
            ["NeuralStyle:Storage:DataFolder"] = dataFolder,
            ["NeuralStyle:Jobs:PreviewIntervalMs"] = "0",
            ["NeuralStyle:Limits:SubmissionsPerMinute"] = "100000",
            ["NeuralStyle:Limits:RequestsPerMinute"] = "1000000",
            ["NeuralStyle:Limits:WaitingJobsPerPerson"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, output, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await app.WaitUntilAnsweringAsync(seconds);
        }
        catch
        {
            app.Dispose();
            throw;
        }

        return app;
    }

    /// <summary>An HTTP client that keeps the owner cookie, like one browser.</summary>
    public HttpClient Client() => new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 4 })
    {
        BaseAddress = Address,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>SIGKILL to the server and anything it started: no shutdown hook, no flush, as a power cut or the OOM killer.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    /// <summary>The server's resident memory as the kernel sees it (bytes).</summary>
    public long WorkingSet()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(double seconds)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            Assert.False(process.HasExited, $"The server exited with code {(process.HasExited ? process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/api/gallery")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"The server did not answer within {seconds} s:\n{Output}");
            await Task.Delay(100);
        }
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 500)
        {
            output.TryDequeue(out _);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The SDK tells the processes it starts where its host is; a bare "dotnet" from PATH is the fallback.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // The content root (wwwroot with the sample pictures, appsettings.json) is the project folder, as under `dotnet run`.
    private static string WebProjectFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NeuralStyle.Web", "NeuralStyle.Web.csproj")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("NeuralStyle.Web not found above the test output."), "NeuralStyle.Web");
    }
}
