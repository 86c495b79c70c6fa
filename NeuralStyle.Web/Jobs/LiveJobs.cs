using System.Collections.Concurrent;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Web.Jobs;

/// <summary>What is known about running jobs beyond the database: every step so far and the latest preview frame.</summary>
public sealed class LiveJobs
{
    private readonly ConcurrentDictionary<Guid, LiveJob> running = new();

    public LiveJob Start(Guid jobId, int iterations, string device) => running[jobId] = new LiveJob(jobId, iterations, device);

    public LiveJob? Find(Guid jobId) => running.GetValueOrDefault(jobId);

    public void End(Guid jobId) => running.TryRemove(jobId, out _);

    public int Count => running.Count;

    public IReadOnlyList<LiveJob> All() => running.Values.ToList();
}

/// <summary>One running job's progress; written by its optimisation thread and its frame encoder, read by anyone.</summary>
public sealed class LiveJob(Guid id, int iterations, string device)
{
    private readonly Lock gate = new();
    private readonly List<StepReport> steps = [];
    private PreviewJpeg? frame;

    public Guid Id { get; } = id;

    public int Iterations { get; } = iterations;

    public string Device { get; } = device;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public PreviewJpeg? Frame
    {
        get { lock (gate) { return frame; } }
        set { lock (gate) { frame = value; } }
    }

    public StepReport? Last
    {
        get { lock (gate) { return steps.Count > 0 ? steps[^1] : null; } }
    }

    public IReadOnlyList<StepReport> Steps()
    {
        lock (gate)
        {
            return steps.ToList();
        }
    }

    public void Add(StepReport step)
    {
        lock (gate)
        {
            steps.Add(step);
        }
    }

    /// <summary>Seconds left at the pace so far; null before the first iteration.</summary>
    public static double? SecondsLeft(StepReport? step) =>
        step is null || step.Iteration == 0 ? null : step.Elapsed.TotalSeconds / step.Iteration * (step.Iterations - step.Iteration);
}

/// <summary>A preview frame already encoded as a small JPEG.</summary>
public sealed record PreviewJpeg(int Iteration, byte[] Bytes);
