namespace NeuralStyle.Engine.Benchmarks;

/// <summary>The median and spread of repeated measurements, in milliseconds.</summary>
/// <param name="MedianMs">The median: the number to compare, robust to a busy machine's outliers.</param>
/// <param name="MinMs">The fastest repetition: closest to what the hardware can do.</param>
/// <param name="MaxMs">The slowest repetition.</param>
/// <param name="Samples">Every repetition, in the order measured.</param>
public sealed record Timing(double MedianMs, double MinMs, double MaxMs, IReadOnlyList<double> Samples)
{
    /// <summary>Summarises <paramref name="samples"/> (at least one).</summary>
    public static Timing Of(IReadOnlyList<double> samples)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samples.Count);
        return new Timing(Median(samples), samples.Min(), samples.Max(), samples.ToArray());
    }

    /// <summary>The middle value of <paramref name="values"/> (at least one), or the mean of the two middle ones.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
