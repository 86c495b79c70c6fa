namespace NeuralStyle.Engine.Backbones;

/// <summary>A tensor whose shape in a weights file differs from the one the network needs.</summary>
/// <param name="Key">The key as the file spells it.</param>
/// <param name="Expected">The shape the network needs.</param>
/// <param name="Actual">The shape found in the file.</param>
public sealed record ShapeMismatch(string Key, long[] Expected, long[] Actual)
{
    public override string ToString() => $"{Key} (expected [{string.Join(", ", Expected)}], found [{string.Join(", ", Actual)}])";
}

/// <summary>
/// A weights file that cannot be read or does not fit the network. The message names the file and every missing,
/// unexpected and mis-shaped key, so a person can see what is wrong without a debugger.
/// </summary>
public sealed class WeightsException : Exception
{
    /// <summary>A file that cannot be read at all (damaged, truncated, not a weights file).</summary>
    public WeightsException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = path;
    }

    /// <summary>A file that was read but whose keys or shapes do not fit the network.</summary>
    public WeightsException(
        string path,
        string network,
        IReadOnlyList<string> missingKeys,
        IReadOnlyList<string> unexpectedKeys,
        IReadOnlyList<ShapeMismatch> shapeMismatches)
        : base(Describe(path, network, missingKeys, unexpectedKeys, shapeMismatches))
    {
        FilePath = path;
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        ShapeMismatches = shapeMismatches;
    }

    /// <summary>The weights file.</summary>
    public string FilePath { get; }

    /// <summary>Keys the network needs that the file lacks, spelled as the file's key style would.</summary>
    public IReadOnlyList<string> MissingKeys { get; } = [];

    /// <summary>Keys in the file that the network has no use for (keys known to be ignorable are not listed).</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; } = [];

    /// <summary>Keys present with the wrong shape.</summary>
    public IReadOnlyList<ShapeMismatch> ShapeMismatches { get; } = [];

    private static string Describe(
        string path,
        string network,
        IReadOnlyList<string> missing,
        IReadOnlyList<string> unexpected,
        IReadOnlyList<ShapeMismatch> mismatched)
    {
        var problems = new List<string>();
        if (missing.Count > 0)
        {
            problems.Add($"missing keys: {string.Join(", ", missing)}");
        }

        if (unexpected.Count > 0)
        {
            problems.Add($"unexpected keys: {string.Join(", ", unexpected)}");
        }

        if (mismatched.Count > 0)
        {
            problems.Add($"mis-shaped keys: {string.Join(", ", mismatched)}");
        }

        return $"The weights in '{path}' do not fit {network}: {string.Join("; ", problems)}.";
    }
}
