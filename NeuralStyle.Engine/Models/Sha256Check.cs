using System.Security.Cryptography;

namespace NeuralStyle.Engine.Models;

/// <summary>SHA-256 of files, compared with a published hash or its prefix.</summary>
public static class Sha256Check
{
    /// <summary>The SHA-256 of <paramref name="path"/> in lower-case hex.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>
    /// Whether <paramref name="actual"/> (64 hex digits) is <paramref name="expected"/>, which may be the whole hash or
    /// a prefix of at least 8 digits; an unknown hash (null) matches anything.
    /// </summary>
    public static bool Matches(string actual, string? expected) =>
        expected is null || (expected.Length >= 8 && actual.StartsWith(expected, StringComparison.OrdinalIgnoreCase));
}
