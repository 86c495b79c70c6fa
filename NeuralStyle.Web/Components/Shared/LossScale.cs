using System.Globalization;

namespace NeuralStyle.Web.Components.Shared;

/// <summary>
/// The powers of ten a loss chart spans, and the brief upward jumps it leaves out of that span. L-BFGS now and then
/// tries a step that overshoots, and the loss leaps two to four decades for a step or two before it comes back; a scale
/// stretched to hold such a leap squeezes the rest of the run into a few pixels and reads as "it broke".
/// </summary>
public sealed class LossScale
{
    /// <summary>A jump is a value more than this many times the median of the few steps before it.</summary>
    public const double JumpFactor = 10;

    private const int Lookback = 5;

    /// <summary>A rise that lasts longer than this many steps is a new level, not a jump (a sketch lasts 40 or more).</summary>
    private const int LongestJump = 20;
    private readonly bool[] spikes;

    private LossScale(int low, int high, bool[] spikes, IReadOnlyList<int> spikeStarts)
    {
        (Low, High, this.spikes, SpikeStarts) = (low, high, spikes, spikeStarts);
    }

    /// <summary>The lowest power of ten on the scale.</summary>
    public int Low { get; }

    /// <summary>The highest power of ten on the scale; jumps above it are drawn at the top edge.</summary>
    public int High { get; }

    /// <summary>The index of the first step of each jump.</summary>
    public IReadOnlyList<int> SpikeStarts { get; }

    public bool IsSpike(int index) => index >= 0 && index < spikes.Length && spikes[index];

    /// <param name="steps">Per step, the value of each series (content, style, total).</param>
    public static LossScale Of(IReadOnlyList<double[]> steps)
    {
        var spikes = new bool[steps.Count];
        var series = steps.Count == 0 ? 0 : steps[0].Length;
        for (var s = 0; s < series; s++)
        {
            var jumps = Jumps(steps.Select(v => v[s]).ToArray());
            for (var i = 0; i < spikes.Length; i++)
            {
                spikes[i] |= jumps[i];
            }
        }

        var starts = Enumerable.Range(0, steps.Count).Where(i => spikes[i] && (i == 0 || !spikes[i - 1])).ToList();
        var all = steps.SelectMany(v => v).Where(Plottable).ToList();
        var kept = steps.Where((_, i) => !spikes[i]).SelectMany(v => v).Where(Plottable).ToList();
        if (all.Count == 0)
        {
            return new LossScale(0, 1, spikes, starts);
        }

        // A hair of slack, so that a value of exactly 1e6 (whose logarithm may come out as 6.000000000000001) sits on its grid line.
        var low = (int)Math.Floor(Math.Log10(all.Min()) + 1e-9);
        var high = (int)Math.Ceiling(Math.Log10((kept.Count > 0 ? kept : all).Max()) - 1e-9);
        return new LossScale(low, Math.Max(high, low + 1), spikes, starts);
    }

    /// <summary>
    /// The steps of each jump in <paramref name="values"/>: from a value over <see cref="JumpFactor"/> times the
    /// median of the <see cref="Lookback"/> steps before it, until the values come back under that bar. A rise that
    /// lasts longer than <see cref="LongestJump"/> steps is a new level (a network view moving from the photo's rebuilds
    /// to the style's), not a jump; one still up at the end of a live run counts as a jump until it has lasted that long.
    /// </summary>
    private static bool[] Jumps(double[] values)
    {
        var jumps = new bool[values.Length];
        var (start, bar) = (-1, 0.0);
        for (var i = 1; i < values.Length; i++)
        {
            if (start < 0)
            {
                var before = values[Math.Max(0, i - Lookback)..i].Where(Plottable).Order().ToArray();
                if (before.Length == 0 || !Plottable(values[i]) || values[i] <= JumpFactor * before[before.Length / 2])
                {
                    continue;
                }

                (start, bar) = (i, JumpFactor * before[before.Length / 2]);
            }

            if (!Plottable(values[i]) || values[i] <= bar)
            {
                start = -1;
            }
            else if (i - start < LongestJump)
            {
                jumps[i] = true;
            }
            else
            {
                Array.Fill(jumps, false, start, i - start);
                start = -1;
            }
        }

        return jumps;
    }

    /// <summary>A grid line's label: 0.01 to 1,000 written out, beyond that as a power of ten (10⁶).</summary>
    public static string Label(int decade) => decade switch
    {
        >= -2 and <= 3 => Math.Pow(10, decade).ToString("#,0.##", CultureInfo.InvariantCulture),
        _ => "10" + string.Concat(decade.ToString(CultureInfo.InvariantCulture).Select(Superscript)),
    };

    private static bool Plottable(double value) => value > 0 && double.IsFinite(value);

    private static char Superscript(char c) => c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0'];
}
