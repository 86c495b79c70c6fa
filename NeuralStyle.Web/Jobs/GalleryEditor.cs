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

/// <summary>Removes a finished job with its pictures, for its owner only.</summary>
public sealed class GalleryEditor(JobStore store, PictureStore pictures)
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
        pictures.DeleteAll(id);
        return GalleryDeleteOutcome.Deleted;
    }
}
