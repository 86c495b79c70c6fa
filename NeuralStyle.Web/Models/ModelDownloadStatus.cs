namespace NeuralStyle.Web.Models;

/// <summary>Where a catalogue model stands on this server.</summary>
public enum ModelState
{
    /// <summary>Not on the server (perhaps with part of an interrupted download kept).</summary>
    Missing,

    /// <summary>Being downloaded now.</summary>
    Downloading,

    /// <summary>Downloaded and checked: its checksum matched, or it loaded as VGG19 where none is published.</summary>
    Ready,

    /// <summary>The last download failed; <see cref="ModelDownloadStatus.Error"/> says why.</summary>
    Failed,
}

/// <summary>One catalogue model as the Status page and the API show it.</summary>
/// <param name="BytesSoFar">Bytes on disk: the whole file when ready, what arrived so far otherwise.</param>
/// <param name="TotalBytes">The file's length, where known.</param>
/// <param name="BytesPerSecond">The current download's average speed; 0 when none runs.</param>
/// <param name="Error">Why the last download failed, in words for people.</param>
/// <param name="ErrorDetail">The downloader's own account of the failure, for whoever runs the server; null when the words say it all.</param>
public sealed record ModelDownloadStatus(
    string Name,
    string Title,
    ModelState State,
    long BytesSoFar,
    long? TotalBytes,
    double BytesPerSecond,
    string? Error,
    Uri Url,
    string? ErrorDetail = null)
{
    /// <summary>Percent done, where the length is known.</summary>
    public double? Percent => TotalBytes is > 0 ? 100.0 * BytesSoFar / TotalBytes.Value : null;

    /// <summary>Time left at the current speed, where both are known.</summary>
    public TimeSpan? TimeLeft => State == ModelState.Downloading && TotalBytes is { } total && BytesPerSecond > 0
        ? TimeSpan.FromSeconds(Math.Max(0, total - BytesSoFar) / BytesPerSecond)
        : null;
}
