using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace NeuralStyle.Engine.Models;

/// <summary>
/// Fetches a <see cref="DownloadableModel"/> into a folder: streams to <c>FILE.part</c>, resumes an interrupted download
/// with an HTTP Range request, checks the SHA-256 (or, where none is published, that the file loads as VGG19) and only
/// then moves it to its final name, so the folder never holds a half-written or damaged model under a real name.
/// </summary>
/// <param name="http">The client to download with; its own timeout should be infinite, <paramref name="readTimeout"/> guards each read.</param>
/// <param name="readTimeout">How long the server may stay silent (for the headers or between two reads) before the download counts as stalled.</param>
public sealed class ModelDownloader(HttpClient http, TimeSpan readTimeout)
{
    /// <summary>How long a server may send nothing before the download counts as stalled, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultReadTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A downloader with <see cref="DefaultReadTimeout"/>.</summary>
    public ModelDownloader(HttpClient http)
        : this(http, DefaultReadTimeout)
    {
    }

    /// <summary>
    /// Downloads <paramref name="model"/> into <paramref name="folder"/> (created if missing) and returns the file's path.
    /// A file already there under the model's name is taken as installed and not fetched again; a <c>.part</c> file
    /// left by an interrupted or cancelled try is resumed.
    /// </summary>
    /// <exception cref="ModelDownloadException">
    /// The server answered with an error, went silent, dropped the connection (what arrived is kept for a resume), or the
    /// file failed its check (it is discarded).
    /// </exception>
    /// <exception cref="OperationCanceledException">Cancelled; the <c>.part</c> file is kept for a resume.</exception>
    public async Task<string> DownloadAsync(
        DownloadableModel model, string folder, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var final = Path.Combine(folder, model.FileName);
        if (File.Exists(final))
        {
            return final;
        }

        var part = final + ".part";
        await FetchAsync(model, part, progress, cancellationToken);
        await ModelVerification.VerifyAndMoveAsync(model.Name, part, final, model.Sha256, loadWithoutHash: true, Discarded(model.Name), cancellationToken);
        return final;
    }

    private static string Discarded(string name) =>
        $"The download of {name} does not match its checksum: the file was damaged or changed; it has been discarded. Try again.";

    private async Task FetchAsync(DownloadableModel model, string part, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var kept = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, model.Url);
        if (kept > 0)
        {
            request.Headers.Range = new RangeHeaderValue(kept, null);
        }

        using var response = await Guarded(
            model, kept, t => http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, t), cancellationToken, starting: true);

        // The .part already holds the whole file (a crash between the last byte and the check): the checksum decides.
        if (kept > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ModelDownloadException(
                model.Name,
                $"The download of {model.Name} from {model.Url} failed: the server answered {(int)response.StatusCode} " +
                $"{StatusInWords(response)}.{(response.StatusCode == HttpStatusCode.NotFound ? " The file may have moved; fetch it by hand and import it." : "")}");
        }

        var range = response.Content.Headers.ContentRange;
        var resumed = response.StatusCode == HttpStatusCode.PartialContent;
        if (resumed && range?.From != kept)
        {
            File.Delete(part);
            throw new ModelDownloadException(
                model.Name, $"The download of {model.Name} could not resume: the server sent another part of the file. The partial download was discarded; try again.");
        }

        // A 200 answer to a Range request means the server ignores ranges: start over.
        var offset = resumed ? kept : 0;
        var total = (resumed ? range?.Length : response.Content.Headers.ContentLength) ?? model.SizeBytes;
        await using var file = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[1 << 16];
        var clock = Stopwatch.StartNew();
        var received = 0L;
        while (true)
        {
            var read = await Guarded(model, offset + received, t => body.ReadAsync(buffer, t).AsTask(), cancellationToken, starting: false);
            if (read == 0)
            {
                break;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            received += read;
            progress?.Report(new DownloadProgress(offset + received, total, received / Math.Max(clock.Elapsed.TotalSeconds, 1e-3)));
        }

        if (total is { } length && offset + received < length)
        {
            throw Interrupted(model, offset + received, "the server closed the connection early");
        }
    }

    // Each wait on the server gets its own deadline, so a slow but steady download never times out and a silent one does.
    private async Task<T> Guarded<T>(
        DownloadableModel model, long soFar, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken, bool starting)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(readTimeout);
        try
        {
            return await operation(deadline.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelDownloadException(
                model.Name,
                $"The download of {model.Name} stalled: {model.Url.Host} sent nothing for {readTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s." +
                (starting ? " Try again later." : $" The {Amount(soFar)} that arrived are kept; fetch again to resume."),
                e);
        }
        catch (HttpRequestException e) when (starting)
        {
            throw new ModelDownloadException(
                model.Name, $"The download of {model.Name} could not start: {e.Message} Check the network connection and the address {model.Url}.", e);
        }
        catch (Exception e) when (!starting && e is IOException or HttpRequestException)
        {
            throw Interrupted(model, soFar, e.Message.TrimEnd('.'), e);
        }
    }

    private static ModelDownloadException Interrupted(DownloadableModel model, long soFar, string why, Exception? inner = null) =>
        new(model.Name, $"The download of {model.Name} was interrupted after {Amount(soFar)} ({why}). What arrived is kept; fetch again to resume.", inner);

    private static string Amount(long bytes) => bytes >= 1_000_000
        ? (bytes / 1e6).ToString("0.0 MB", CultureInfo.InvariantCulture)
        : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    private static string StatusInWords(HttpResponseMessage response) =>
        string.IsNullOrWhiteSpace(response.ReasonPhrase)
            ? string.Concat(response.StatusCode.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString()))
            : response.ReasonPhrase;
}
