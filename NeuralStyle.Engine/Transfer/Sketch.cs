namespace NeuralStyle.Engine.Transfer;

/// <summary>One small quick picture of a set shown side by side: an explore-grid variant or a "what the network sees" view.</summary>
/// <param name="Index">Its place in the set, from 0.</param>
/// <param name="Title">A short heading, for example "Style ×10" or "Content from layer2".</param>
/// <param name="Caption">One plain sentence on what it shows.</param>
/// <param name="Settings">The low-resolution, few-iteration settings it runs with.</param>
/// <param name="FullSize">The same choice at the full size and iterations, to paint it properly; null for a view
/// of the network, which is no painting.</param>
public sealed record Sketch(int Index, string Title, string Caption, StyleSettings Settings, StyleSettings? FullSize);

/// <summary>The size a set of sketches runs at.</summary>
/// <param name="Size">Long side in pixels (at most the full picture's size).</param>
/// <param name="Iterations">Iterations of each sketch.</param>
public sealed record SketchSize(int Size = 128, int Iterations = 60)
{
    /// <summary>The largest sketch long side: sketches are for quick looks, not pictures to keep.</summary>
    public const int MaxSize = 256;

    /// <summary>The most iterations one sketch may run.</summary>
    public const int MaxIterations = 300;

    /// <summary>Every problem with this size; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Size is < 16 or > MaxSize)
        {
            errors.Add($"Sketch size must be between 16 and {MaxSize} pixels (got {Size}).");
        }

        if (Iterations is < 1 or > MaxIterations)
        {
            errors.Add($"Sketch iterations must be between 1 and {MaxIterations} (got {Iterations}).");
        }

        return errors;
    }

    /// <summary><paramref name="full"/> made quick: this size (never larger than the full one), these iterations, one stage.</summary>
    internal StyleSettings Apply(StyleSettings full) => full with
    {
        Size = Math.Min(Size, full.Size),
        Iterations = Iterations,
        CoarseToFineAbove = 0,
        StageIterations = null,
    };
}
