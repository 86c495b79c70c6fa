using NeuralStyle.Web.Data;
using NeuralStyle.Web.Owners;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Jobs;

public enum GalleryDeleteOutcome
{
    Deleted,
    NotFound,
    NotOwner,
    StillRunning,
}

/// <summary>
/// Removes a finished job with its pictures, for its owner or an admin: the database row first, then the files, so a crash
/// between the two leaves an orphan folder (removed by the start-up sweep), never an entry pointing at nothing.
/// </summary>
public sealed class GalleryEditor(JobStore store, PictureStore pictures, JobNotifier notifier, ILogger<GalleryEditor> logger)
{
    public async Task<GalleryDeleteOutcome> DeleteAsync(Guid id, Owner who, CancellationToken cancellationToken = default)
    {
        var job = await store.FindAsync(id, cancellationToken);
        if (job is null || !JobAccess.CanSee(job, who))
        {
            return GalleryDeleteOutcome.NotFound;
        }

        if (!JobAccess.CanManage(job, who))
        {
            return GalleryDeleteOutcome.NotOwner;
        }

        if (job.State is JobState.Queued or JobState.Running)
        {
            return GalleryDeleteOutcome.StillRunning;
        }

        await store.DeleteAsync(id, cancellationToken);
        try
        {
            pictures.DeleteAll(id);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Job {JobId} is deleted but its picture folder is not; the next start-up sweep removes it", id);
        }

        return GalleryDeleteOutcome.Deleted;
    }

    /// <summary>The key of the job's share link for <paramref name="who"/> to pass on; null when it has none or they may not share it.</summary>
    public async Task<string?> ShareKeyAsync(Guid id, Owner who, CancellationToken cancellationToken = default) =>
        await store.FindAsync(id, cancellationToken) is { } job && JobAccess.CanManage(job, who) ? job.ShareKey : null;

    /// <summary>The key of the job's share link, made now if it has none; null when <paramref name="who"/> may not share it.</summary>
    public async Task<string?> ShareAsync(Guid id, Owner who, CancellationToken cancellationToken = default)
    {
        var job = await store.FindAsync(id, cancellationToken);
        if (job is null || !JobAccess.CanManage(job, who))
        {
            return null;
        }

        if (job.ShareKey is { } key)
        {
            return key;
        }

        key = JobAccess.NewShareKey();
        await store.SetShareKeyAsync(id, key, cancellationToken);
        return key;
    }

    /// <summary>The job's share link stops working (a new one can be made later); false when <paramref name="who"/> may not.</summary>
    public async Task<bool> StopSharingAsync(Guid id, Owner who, CancellationToken cancellationToken = default)
    {
        var job = await store.FindAsync(id, cancellationToken);
        if (job is null || !JobAccess.CanManage(job, who))
        {
            return false;
        }

        await store.SetShareKeyAsync(id, null, cancellationToken);
        return true;
    }

    /// <summary>Makes a job private or public again; false when <paramref name="who"/> may not (or it does not exist).</summary>
    public async Task<bool> SetPrivateAsync(Guid id, bool isPrivate, Owner who, CancellationToken cancellationToken = default)
    {
        var job = await store.FindAsync(id, cancellationToken);
        if (job is null || !JobAccess.CanManage(job, who))
        {
            return false;
        }

        await store.SetPrivateAsync(id, isPrivate, cancellationToken);
        if (isPrivate)
        {
            notifier.Publish(new JobMadePrivate(id));
        }

        return true;
    }
}
