namespace NeuralStyle.Web.Jobs;

/// <summary>
/// Hands job events to whoever listens: a Blazor component for one job, the SignalR relay for all of them.
/// Subscriptions are disposable; handlers run on the publisher's thread and must return quickly.
/// </summary>
public sealed class JobNotifier(ILogger<JobNotifier> logger)
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, List<Action<JobEvent>>> byJob = [];
    private readonly List<Action<JobEvent>> everything = [];

    public IDisposable Subscribe(Guid jobId, Action<JobEvent> handler)
    {
        lock (gate)
        {
            if (!byJob.TryGetValue(jobId, out var handlers))
            {
                byJob[jobId] = handlers = [];
            }

            handlers.Add(handler);
        }

        return new Subscription(() =>
        {
            lock (gate)
            {
                if (byJob.TryGetValue(jobId, out var handlers) && handlers.Remove(handler) && handlers.Count == 0)
                {
                    byJob.Remove(jobId);
                }
            }
        });
    }

    public IDisposable SubscribeAll(Action<JobEvent> handler)
    {
        lock (gate)
        {
            everything.Add(handler);
        }

        return new Subscription(() =>
        {
            lock (gate)
            {
                everything.Remove(handler);
            }
        });
    }

    public void Publish(JobEvent jobEvent)
    {
        Action<JobEvent>[] handlers;
        lock (gate)
        {
            handlers = [.. everything, .. byJob.TryGetValue(jobEvent.JobId, out var forJob) ? forJob : []];
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(jobEvent);
            }
            catch (Exception e)
            {
                // A broken listener must never stop the optimisation that published the event.
                logger.LogWarning(e, "A listener failed on {Event}", jobEvent.GetType().Name);
            }
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref unsubscribe, null)?.Invoke();
    }
}
