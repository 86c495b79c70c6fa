using System.Diagnostics;
using NeuralStyle.Engine.Models;

namespace NeuralStyle.Tests.Engine.Models;

public sealed class ModelDownloaderTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("models-").FullName;
    private readonly LocalModelServer server = new(length: 200_000);
    private readonly HttpClient http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private string Final => Path.Combine(folder, "model.pth");

    private string Part => Final + ".part";

    [Fact]
    public async Task DownloadStoresTheWholeFileUnderItsNameWhenTheChecksumMatches()
    {
        var reports = new List<DownloadProgress>();

        var path = await Downloader().DownloadAsync(server.Model(), folder, new SynchronousProgress(reports.Add));

        Assert.Equal(Final, path);
        Assert.Equal(server.Payload, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(Part));
        Assert.Equal([""], server.Ranges);
        Assert.Equal(server.Payload.Length, reports[^1].BytesSoFar);
        Assert.Equal(server.Payload.Length, reports[^1].TotalBytes);
        Assert.Equal(100, reports[^1].Percent);
        Assert.True(reports.Count > 1 && reports.All(r => r.BytesPerSecond > 0));
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.BytesSoFar < p.Second.BytesSoFar));
    }

    [Fact]
    public async Task TorchvisionsEightDigitPrefixIsEnoughToAcceptTheFile()
    {
        var path = await Downloader().DownloadAsync(server.Model(sha256: server.PayloadSha256[..8]), folder);

        Assert.Equal(server.Payload, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task AnInterruptedDownloadResumesWithARangeRequestForTheMissingBytes()
    {
        server.Plan(new RequestPlan(CloseAfter: 30_000));

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(server.Model(), folder));
        Assert.StartsWith("The download of test-model was interrupted after 30,000 bytes (", error.Message);
        Assert.Contains("fetch again to resume", error.Message);
        Assert.False(File.Exists(Final));
        Assert.Equal(30_000, new FileInfo(Part).Length);

        var path = await Downloader().DownloadAsync(server.Model(), folder);

        Assert.Equal(["", "bytes=30000-"], server.Ranges);
        Assert.Equal(server.Payload, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(Part));
    }

    [Fact]
    public async Task AServerThatIgnoresRangeMakesTheDownloadStartOver()
    {
        server.IgnoreRange = true;
        await File.WriteAllBytesAsync(Part, new byte[20_000]);

        var path = await Downloader().DownloadAsync(server.Model(), folder);

        Assert.Equal(["bytes=20000-"], server.Ranges);
        Assert.Equal(server.Payload, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task AFileThatFailsItsChecksumIsDiscardedWithAMessageThatSaysSo()
    {
        var other = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("another file"u8));

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(server.Model(sha256: other), folder));

        Assert.Equal(
            "The download of test-model does not match its checksum: the file was damaged or changed; it has been discarded. Try again.",
            error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task AMissingFileIsReportedWithTheStatusInWords()
    {
        var model = server.Model(url: new Uri(server.BaseUri, "/moved.pth"));

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(model, folder));

        Assert.StartsWith($"The download of test-model from {model.Url} failed: the server answered 404 Not Found.", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task AStalledServerTimesOutAndKeepsWhatArrived()
    {
        server.Plan(new RequestPlan(StallAfter: 50_000));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ModelDownloadException>(
            () => Downloader(TimeSpan.FromMilliseconds(300)).DownloadAsync(server.Model(), folder));

        Assert.Equal(
            "The download of test-model stalled: 127.0.0.1 sent nothing for 0.3 s. The 50,000 bytes that arrived are kept; fetch again to resume.",
            error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"gave up after {clock.Elapsed}");
        Assert.Equal(50_000, new FileInfo(Part).Length);
    }

    [Fact]
    public async Task CancellingKeepsThePartialFileAndTheNextFetchResumesIt()
    {
        server.Plan(new RequestPlan(StallAfter: 40_000));
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.BytesSoFar >= 40_000)
            {
                cancel.CancelAfter(100);
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Downloader().DownloadAsync(server.Model(), folder, progress, cancel.Token));
        Assert.Equal(40_000, new FileInfo(Part).Length);

        var path = await Downloader().DownloadAsync(server.Model(), folder);

        Assert.Equal(["", "bytes=40000-"], server.Ranges);
        Assert.Equal(server.Payload, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task WithoutAPublishedHashOnlyAFileThatLoadsAsVgg19IsKept()
    {
        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(server.Model(sha256: null), folder));

        Assert.StartsWith("test-model is not usable VGG19 weights, so it has been discarded: ", error.Message);
        Assert.Contains("model.pth", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task AModelAlreadyInTheFolderIsNotFetchedAgain()
    {
        await File.WriteAllBytesAsync(Final, [1, 2, 3]);

        var path = await Downloader().DownloadAsync(server.Model(), folder);

        Assert.Equal(Final, path);
        Assert.Empty(server.Ranges);
    }

    [Fact]
    public async Task APartialFileThatIsAlreadyWholeIsCheckedAndKept()
    {
        await File.WriteAllBytesAsync(Part, server.Payload);

        var path = await Downloader().DownloadAsync(server.Model(), folder);

        Assert.Equal([$"bytes={server.Payload.Length}-"], server.Ranges);
        Assert.Equal(server.Payload, await File.ReadAllBytesAsync(path));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private ModelDownloader Downloader(TimeSpan? readTimeout = null) => new(http, readTimeout ?? TimeSpan.FromSeconds(10));

    // Progress<T> posts to the thread pool, so its reports may arrive after the download returns; tests need them in order.
    private sealed class SynchronousProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
