using NeuralStyle.Web.Data;
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
/// Removes a finished job with its pictures, for its owner only: the database row first, then the files, so a crash
/// between the two leaves an orphan folder (removed by the start-up sweep), never an entry pointing at nothing.
/// </summary>
public sealed class GalleryEditor(JobStore store, PictureStore pictures, ILogger<GalleryEditor> logger)
{
    public async Task<GalleryDeleteOutcome> DeleteAsync(Guid id, string ownerId, CancellationToken cancellationToken = default)
    {
        var job = await store.FindAsync(id, cancellationToken);
        if (job is null)
        {
            return GalleryDeleteOutcome.NotFound;
        }

        if (job.OwnerId != ownerId)
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
}
