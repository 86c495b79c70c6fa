namespace NeuralStyle.Web.Jobs;

/// <summary>
/// Waiting jobs, first come first served within each submitter, taking turns between submitters (round robin by
/// owner) so that one person's ten jobs cannot keep everyone else waiting. Worker threads block in <see cref="Take"/>.
/// </summary>
public sealed class JobQueue
{
    private readonly Lock gate = new();
    private readonly LinkedList<string> turns = [];
    private readonly Dictionary<string, Queue<Guid>> waiting = [];
    private readonly SemaphoreSlim available = new(0);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return waiting.Values.Sum(q => q.Count);
            }
        }
    }

    /// <summary>How many of one owner's jobs are waiting.</summary>
    public int CountOf(string ownerId)
    {
        lock (gate)
        {
            return waiting.TryGetValue(ownerId, out var queue) ? queue.Count : 0;
        }
    }

    public void Enqueue(Guid jobId, string ownerId)
    {
        lock (gate)
        {
            if (!waiting.TryGetValue(ownerId, out var queue))
            {
                waiting[ownerId] = queue = new Queue<Guid>();
                turns.AddLast(ownerId);
            }

            queue.Enqueue(jobId);
        }

        available.Release();
    }

    /// <summary>Blocks the calling thread until a job is waiting, then hands out whose turn it is.</summary>
    public Guid Take(CancellationToken cancellationToken)
    {
        while (true)
        {
            available.Wait(cancellationToken);
            Guid? next;
            lock (gate)
            {
                next = TakeNext();
            }

            if (next is { } jobId)
            {
                return jobId;
            }
        }
    }

    /// <summary>Removes a waiting job (canceled before it started); false when it is not waiting.</summary>
    public bool Remove(Guid jobId)
    {
        lock (gate)
        {
            foreach (var (owner, queue) in waiting)
            {
                if (!queue.Contains(jobId))
                {
                    continue;
                }

                waiting[owner] = new Queue<Guid>(queue.Where(id => id != jobId));
                if (waiting[owner].Count == 0)
                {
                    waiting.Remove(owner);
                    turns.Remove(owner);
                }

                // The semaphore keeps its count; Take skips the missing job by finding nothing and waiting again.
                return true;
            }
        }

        return false;
    }

    /// <summary>1 for the job that starts next, null when the job is not waiting.</summary>
    public int? PositionOf(Guid jobId)
    {
        lock (gate)
        {
            var order = Order();
            var index = order.IndexOf(jobId);
            return index < 0 ? null : index + 1;
        }
    }

    /// <summary>The order in which the waiting jobs will start.</summary>
    public IReadOnlyList<Guid> Snapshot()
    {
        lock (gate)
        {
            return Order();
        }
    }

    private List<Guid> Order()
    {
        var copies = turns.Select(owner => new Queue<Guid>(waiting[owner])).ToList();
        var order = new List<Guid>();
        while (copies.Count > 0)
        {
            foreach (var queue in copies)
            {
                order.Add(queue.Dequeue());
            }

            copies.RemoveAll(q => q.Count == 0);
        }

        return order;
    }

    private Guid? TakeNext()
    {
        if (turns.First is not { } first)
        {
            return null;
        }

        var owner = first.Value;
        var queue = waiting[owner];
        var jobId = queue.Dequeue();
        turns.RemoveFirst();
        if (queue.Count > 0)
        {
            turns.AddLast(owner);
        }
        else
        {
            waiting.Remove(owner);
        }

        return jobId;
    }
}
