using NeuralStyle.Web.Data;

namespace NeuralStyle.Web.Jobs;

/// <summary>Something happened to a job; plain values only, safe to hand to any thread or serialise.</summary>
public abstract record JobEvent(Guid JobId);

/// <summary>A job left the queue and began on <paramref name="Device"/>.</summary>
public sealed record JobStarted(Guid JobId, string Device) : JobEvent(JobId);

/// <summary>Losses after <paramref name="Iteration"/>; <paramref name="SecondsLeft"/> extrapolates the pace so far.</summary>
public sealed record JobProgressed(
    Guid JobId,
    int Iteration,
    int Iterations,
    double ContentLoss,
    double StyleLoss,
    double TvLoss,
    double TotalLoss,
    double ElapsedSeconds,
    double? SecondsLeft) : JobEvent(JobId);

/// <summary>A new preview frame can be fetched at <paramref name="PreviewUrl"/>.</summary>
public sealed record JobFrameReady(Guid JobId, int Iteration, string PreviewUrl) : JobEvent(JobId);

/// <summary>Sketch <paramref name="Index"/> of an explore grid or network view is done and can be fetched at <paramref name="Url"/>.</summary>
public sealed record JobSketchReady(Guid JobId, int Index, string Url) : JobEvent(JobId);

/// <summary>The job ended: succeeded, failed (with a readable <paramref name="Error"/>) or canceled.</summary>
public sealed record JobFinished(Guid JobId, JobState State, string? Error) : JobEvent(JobId);

/// <summary>The job was made private: whoever watches it and may no longer see it must stop getting its events.</summary>
public sealed record JobMadePrivate(Guid JobId) : JobEvent(JobId);

/// <summary>A job was submitted, started, finished or removed: queue positions may have moved.</summary>
public sealed record QueueChanged() : JobEvent(Guid.Empty);
