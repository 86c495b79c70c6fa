using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Hubs;

/// <summary>
/// Which hub connections watch which job, and who each one is: SignalR's groups cannot say, and a job made private must
/// stop reaching the connections that may no longer see it. A job is forgotten when its last watcher leaves.
/// </summary>
public sealed class HubSubscribers
{
    private readonly Dictionary<Guid, Dictionary<string, Owner?>> byJob = [];
    private readonly Lock gate = new();

    public void Add(Guid jobId, string connectionId, Owner? who)
    {
        lock (gate)
        {
            if (!byJob.TryGetValue(jobId, out var watchers))
            {
                byJob[jobId] = watchers = [];
            }

            watchers[connectionId] = who;
        }
    }

    public void Remove(Guid jobId, string connectionId)
    {
        lock (gate)
        {
            Forget(jobId, connectionId);
        }
    }

    /// <summary>Forgets a connection that closed, for every job it watched.</summary>
    public void RemoveConnection(string connectionId)
    {
        lock (gate)
        {
            foreach (var jobId in byJob.Keys.ToArray())
            {
                Forget(jobId, connectionId);
            }
        }
    }

    /// <summary>The connections watching <paramref name="jobId"/> now, with who opened each.</summary>
    public IReadOnlyList<KeyValuePair<string, Owner?>> Of(Guid jobId)
    {
        lock (gate)
        {
            return byJob.TryGetValue(jobId, out var watchers) ? [.. watchers] : [];
        }
    }

    private void Forget(Guid jobId, string connectionId)
    {
        if (byJob.TryGetValue(jobId, out var watchers) && watchers.Remove(connectionId) && watchers.Count == 0)
        {
            byJob.Remove(jobId);
        }
    }
}
