using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NeuralStyle.Engine.Models;

namespace NeuralStyle.Web.Models;

/// <summary>
/// Downloads catalogue models on the server, in the background: one download at a time per model, owned by the server
/// (a closed browser tab does not stop it; stopping the server does, and the next start resumes it). Pages subscribe
/// to hear of progress, at most a few times a second.
/// </summary>
public sealed class ModelDownloads : IDisposable
{
    private static readonly TimeSpan NotifyInterval = TimeSpan.FromMilliseconds(250);
    private readonly ModelLibrary library;
    private readonly ModelOptions options;
    private readonly CancellationToken stopping;
    private readonly ILogger<ModelDownloads> logger;
    private readonly HttpClient http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly ConcurrentDictionary<string, ModelDownloadStatus> active = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (string Summary, string? Detail)> failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Task> tasks = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();
    private readonly List<Action> listeners = [];

    public ModelDownloads(ModelLibrary library, IOptions<ModelOptions> options, IHostApplicationLifetime lifetime, ILogger<ModelDownloads> logger)
    {
        this.library = library;
        this.options = options.Value;
        this.logger = logger;
        stopping = lifetime.ApplicationStopping;
        http.DefaultRequestHeaders.UserAgent.ParseAdd("NeuralStyle");
    }

    /// <summary>The catalogue, with the configured addresses in place of the public ones.</summary>
    public IReadOnlyList<DownloadableModel> Catalogue() => ModelCatalog.All
        .Select(m => options.Sources.TryGetValue(m.Name, out var source) && Uri.TryCreate(source, UriKind.Absolute, out var url) ? m with { Url = url } : m)
        .ToList();

    public IReadOnlyList<ModelDownloadStatus> All() => Catalogue().Select(StatusOf).ToList();

    /// <summary>Starts downloading <paramref name="name"/> unless it is installed or already downloading; says whether it started.</summary>
    public bool Start(string name)
    {
        var model = Catalogue().FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        if (model is null || File.Exists(library.PathOf(model)))
        {
            return false;
        }

        var starting = new ModelDownloadStatus(model.Name, model.Title, ModelState.Downloading, PartialBytes(model), model.SizeBytes, 0, null, model.Url);
        if (!active.TryAdd(model.Name, starting))
        {
            return false;
        }

        failures.TryRemove(model.Name, out _);
        tasks[model.Name] = Task.Run(() => DownloadAsync(model));
        Notify();
        return true;
    }

    /// <summary>The download of <paramref name="name"/> now running or last run, for tests and shutdown; a finished task if none.</summary>
    public Task Completion(string name) => tasks.TryGetValue(name, out var task) ? task : Task.CompletedTask;

    /// <summary>Calls <paramref name="onChange"/> (on a background thread) whenever a model's state or progress changes.</summary>
    public IDisposable Subscribe(Action onChange)
    {
        lock (gate)
        {
            listeners.Add(onChange);
        }

        return new Subscription(() =>
        {
            lock (gate)
            {
                listeners.Remove(onChange);
            }
        });
    }

    public void Dispose() => http.Dispose();

    private ModelDownloadStatus StatusOf(DownloadableModel model)
    {
        if (active.TryGetValue(model.Name, out var running))
        {
            return running;
        }

        var path = library.PathOf(model);
        if (File.Exists(path))
        {
            var length = new FileInfo(path).Length;
            return new ModelDownloadStatus(model.Name, model.Title, ModelState.Ready, length, length, 0, null, model.Url);
        }

        return failures.TryGetValue(model.Name, out var error)
            ? new ModelDownloadStatus(model.Name, model.Title, ModelState.Failed, PartialBytes(model), model.SizeBytes, 0, error.Summary, model.Url, error.Detail)
            : new ModelDownloadStatus(model.Name, model.Title, ModelState.Missing, PartialBytes(model), model.SizeBytes, 0, null, model.Url);
    }

    private long PartialBytes(DownloadableModel model) =>
        File.Exists(library.PathOf(model) + ".part") ? new FileInfo(library.PathOf(model) + ".part").Length : 0;

    private async Task DownloadAsync(DownloadableModel model)
    {
        var lastNotified = DateTimeOffset.MinValue;
        var trailing = 0;
        var progress = new Progress(p =>
        {
            active[model.Name] = new ModelDownloadStatus(model.Name, model.Title, ModelState.Downloading, p.BytesSoFar, p.TotalBytes, p.BytesPerSecond, null, model.Url);
            if (DateTimeOffset.UtcNow - lastNotified >= NotifyInterval)
            {
                lastNotified = DateTimeOffset.UtcNow;
                Notify();
            }
            else if (Interlocked.Exchange(ref trailing, 1) == 0)
            {
                // The last numbers before a pause (a stalled server) must reach the page too, not only the ones that fell on a tick.
                _ = Task.Delay(NotifyInterval, CancellationToken.None).ContinueWith(_ =>
                {
                    Interlocked.Exchange(ref trailing, 0);
                    Notify();
                }, TaskScheduler.Default);
            }
        });
        try
        {
            var downloader = new ModelDownloader(http, TimeSpan.FromSeconds(options.ReadTimeoutSeconds));
            var path = await downloader.DownloadAsync(model, library.Folder, progress, stopping);
            logger.LogInformation("Downloaded {Model} to {Path}", model.Name, path);
        }
        catch (ModelDownloadException e)
        {
            failures[model.Name] = DownloadFailure.Explain(e, model);
            logger.LogWarning("The download of {Model} failed: {Message}", model.Name, e.Message);
        }
        catch (OperationCanceledException)
        {
            failures[model.Name] = ("The server stopped during the download. What arrived is kept: press Download to resume.", null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failures[model.Name] = ($"The models folder '{library.Folder}' cannot be written, so the file could not be kept.", e.Message);
            logger.LogError(e, "The download of {Model} could not be written", model.Name);
        }
        finally
        {
            active.TryRemove(model.Name, out _);
            Notify();
        }
    }

    private void Notify()
    {
        Action[] current;
        lock (gate)
        {
            current = [.. listeners];
        }

        foreach (var listener in current)
        {
            listener();
        }
    }

    /// <summary>Reports on the downloading thread, in order (the framework's Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class Progress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref dispose, null)?.Invoke();
    }
}
