namespace NeuralStyle.Engine.Models;

/// <summary>How far a download has come.</summary>
/// <param name="BytesSoFar">Bytes on disk, including those kept from an earlier, interrupted try.</param>
/// <param name="TotalBytes">The file's full length, where the server or the catalogue says it.</param>
/// <param name="BytesPerSecond">Average speed of this try.</param>
public readonly record struct DownloadProgress(long BytesSoFar, long? TotalBytes, double BytesPerSecond)
{
    /// <summary>Percent done, where the total is known.</summary>
    public double? Percent => TotalBytes is > 0 ? 100.0 * BytesSoFar / TotalBytes.Value : null;
}
