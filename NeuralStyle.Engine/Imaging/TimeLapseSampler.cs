namespace NeuralStyle.Engine.Imaging;

/// <summary>
/// Chooses which of a run's preview frames a time-lapse keeps, without knowing how many will come: it keeps every
/// <c>stride</c>-th frame offered, and whenever that would exceed the bound it doubles the stride and drops every
/// other kept frame. The kept frames stay evenly spaced over the run so far, and never more than the bound.
/// </summary>
public sealed class TimeLapseSampler
{
    private readonly int maxFrames;
    private readonly List<(int Sequence, int Key)> kept = [];
    private int stride = 1;
    private int offered;

    /// <summary>A sampler that keeps at most <paramref name="maxFrames"/> frames (at least 1).</summary>
    public TimeLapseSampler(int maxFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        this.maxFrames = maxFrames;
    }

    /// <summary>The keys of the frames kept, oldest first.</summary>
    public IReadOnlyList<int> Kept => kept.Select(k => k.Key).ToList();

    /// <summary>
    /// Offers the next frame, named by <paramref name="key"/> (its iteration). Returns whether to keep it, and the keys
    /// of earlier frames to let go of now.
    /// </summary>
    public (bool Keep, IReadOnlyList<int> Dropped) Offer(int key)
    {
        var sequence = offered++;
        if (sequence % stride != 0)
        {
            return (false, []);
        }

        kept.Add((sequence, key));
        if (kept.Count <= maxFrames)
        {
            return (true, []);
        }

        stride *= 2;
        var dropped = kept.Where(k => k.Sequence % stride != 0).ToList();
        kept.RemoveAll(k => k.Sequence % stride != 0);
        var keep = kept[^1].Sequence == sequence;
        return (keep, dropped.Where(d => d.Sequence != sequence).Select(d => d.Key).ToList());
    }
}
