using NeuralStyle.Web.Data;

namespace NeuralStyle.Web.Jobs;

/// <summary>The four loss terms after one iteration (alpha, beta and the TV weight not applied except in Total).</summary>
public sealed record Losses(double Content, double Style, double Tv, double Total);

/// <summary>Everything a person or a client wants to know about a job right now.</summary>
/// <param name="QueuePosition">1 when it starts next; null unless waiting.</param>
/// <param name="YouOwnIt">Whether the asking browser or account submitted it.</param>
/// <param name="YouMayChangeIt">Whether the asker may cancel, delete, or make it private: its owner or an admin.</param>
/// <param name="Private">Only its owner and admins can see it.</param>
/// <param name="Sketches">An explore grid's or network view's small pictures, in order; empty for a painting.</param>
public sealed record JobStatus(
    Guid Id,
    JobState State,
    int? QueuePosition,
    int Iteration,
    int Iterations,
    Losses? Losses,
    double? SecondsLeft,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    string? Device,
    int StyleCount,
    JobSettings Settings,
    string? PreviewUrl,
    string? ResultUrl,
    bool YouOwnIt,
    bool YouMayChangeIt,
    bool Private,
    IReadOnlyList<SketchStatus> Sketches);

/// <summary>One sketch of an explore grid or network view.</summary>
/// <param name="Url">Where its picture is, once it is done; null before.</param>
/// <param name="PaintUrl">The Create page with this variant's settings at full size; null for a view of the network.</param>
public sealed record SketchStatus(int Index, string Title, string Caption, string? Url, string? PaintUrl);

/// <summary>One iteration's losses on a loss curve.</summary>
public sealed record LossPoint(int Iteration, double Content, double Style, double Tv, double Total);
