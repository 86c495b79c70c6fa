using NeuralStyle.Web.Data;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Jobs;

/// <summary>How a cancel request ended.</summary>
public enum CancelOutcome
{
    Canceled,
    NotFound,
    NotOwner,
    AlreadyFinished,
}

/// <summary>Stops a job for its owner or an admin: a waiting one leaves the queue, a running one is told to stop.</summary>
public sealed class JobCanceller(JobStore store, JobQueue queue, RunningJobs running, JobNotifier notifier)
{
    public async Task<CancelOutcome> CancelAsync(Guid jobId, Owner who, CancellationToken cancellationToken = default)
    {
        var job = await store.FindAsync(jobId, cancellationToken);
        if (job is null || !JobAccess.CanSee(job, who))
        {
            return CancelOutcome.NotFound;
        }

        if (!JobAccess.CanManage(job, who))
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
