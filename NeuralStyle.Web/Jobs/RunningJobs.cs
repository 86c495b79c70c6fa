using System.Collections.Concurrent;

namespace NeuralStyle.Web.Jobs;

/// <summary>The cancellation switch of each running job, so a request thread can stop a worker thread's run.</summary>
public sealed class RunningJobs
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> switches = new();

    public CancellationTokenSource Register(Guid jobId, CancellationToken stopping)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        switches[jobId] = source;
        return source;
    }

    public void Unregister(Guid jobId)
    {
        if (switches.TryRemove(jobId, out var source))
        {
            source.Dispose();
        }
    }

    /// <summary>Asks a running job to stop; false when it is not running here.</summary>
    public bool Cancel(Guid jobId)
    {
        if (!switches.TryGetValue(jobId, out var source))
        {
            return false;
        }

        try
        {
            source.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
