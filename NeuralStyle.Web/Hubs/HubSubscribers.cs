using System.Collections.Concurrent;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Hubs;

/// <summary>
/// Which hub connections watch which job, and who each one is: SignalR's groups cannot say, and a job made private must
/// stop reaching the connections that may no longer see it.
/// </summary>
public sealed class HubSubscribers
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, Owner?>> byJob = new();

    public void Add(Guid jobId, string connectionId, Owner? who) =>
        byJob.GetOrAdd(jobId, _ => new ConcurrentDictionary<string, Owner?>())[connectionId] = who;

    public void Remove(Guid jobId, string connectionId)
    {
        if (byJob.TryGetValue(jobId, out var watchers))
        {
            watchers.TryRemove(connectionId, out _);
        }
    }

    /// <summary>Forgets a connection that closed, for every job it watched.</summary>
    public void RemoveConnection(string connectionId)
    {
        foreach (var watchers in byJob.Values)
        {
            watchers.TryRemove(connectionId, out _);
        }
    }

    /// <summary>The connections watching <paramref name="jobId"/> now, with who opened each.</summary>
    public IReadOnlyList<KeyValuePair<string, Owner?>> Of(Guid jobId) =>
        byJob.TryGetValue(jobId, out var watchers) ? [.. watchers] : [];
}
