namespace NeuralStyle.Web.Jobs;

/// <summary>What a job makes. Every kind waits in the same fair queue and takes one place in it.</summary>
public enum JobKind
{
    /// <summary>One picture at the chosen size.</summary>
    Paint,

    /// <summary>A grid of small quick variants side by side, to pick one before painting it at full size.</summary>
    Explore,

    /// <summary>The paper's Figure 1: the photo rebuilt from each depth's content alone, the style from growing layer sets alone.</summary>
    NetworkView,
}
