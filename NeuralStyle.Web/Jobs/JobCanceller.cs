using NeuralStyle.Web.Data;

namespace NeuralStyle.Web.Jobs;

/// <summary>How a cancel request ended.</summary>
public enum CancelOutcome
{
    Canceled,
    NotFound,
    NotOwner,
    AlreadyFinished,
}

/// <summary>Stops a job for its owner: a waiting one leaves the queue, a running one is told to stop.</summary>
public sealed class JobCanceller(JobStore store, JobQueue queue, RunningJobs running, JobNotifier notifier)
{
    public async Task<CancelOutcome> CancelAsync(Guid jobId, string ownerId, CancellationToken cancellationToken = default)
    {
        var job = await store.FindAsync(jobId, cancellationToken);
        if (job is null)
        {
            return CancelOutcome.NotFound;
        }

        if (job.OwnerId != ownerId)
        {
            return CancelOutcome.NotOwner;
        }

        if (queue.Remove(jobId) && await store.CancelQueuedAsync(jobId, cancellationToken))
        {
            notifier.Publish(new JobFinished(jobId, JobState.Canceled, null));
            notifier.Publish(new QueueChanged());
            return CancelOutcome.Canceled;
        }

        return running.Cancel(jobId) ? CancelOutcome.Canceled : CancelOutcome.AlreadyFinished;
    }
}
