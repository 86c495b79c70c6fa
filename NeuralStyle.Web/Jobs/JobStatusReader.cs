using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Pictures;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Jobs;

/// <summary>Puts together a job's status from the database, the queue and the live run.</summary>
public sealed class JobStatusReader(JobStore store, JobQueue queue, LiveJobs live, PictureStore pictures)
{
    /// <summary>Null when there is no such job or <paramref name="asking"/> may not see it (a private job stays unknown).</summary>
    public async Task<JobStatus?> GetAsync(Guid id, Owner? asking, CancellationToken cancellationToken = default)
    {
        var job = await store.FindAsync(id, cancellationToken);
        return job is null || !JobAccess.CanSee(job, asking) ? null : await DescribeAsync(job, asking, cancellationToken);
    }

    /// <summary>
    /// As <see cref="GetAsync"/>, also for whoever opened the job's share link: its pictures' addresses then carry the
    /// link's key, which is all that lets such a visitor load them.
    /// </summary>
    public async Task<JobStatus?> GetSharedAsync(Guid id, Owner? asking, string? shareKey, CancellationToken cancellationToken = default)
    {
        var job = await store.FindAsync(id, cancellationToken);
        if (job is null || !JobAccess.CanSee(job, asking, shareKey))
        {
            return null;
        }

        var status = await DescribeAsync(job, asking, cancellationToken);
        return JobAccess.CanSee(job, asking) ? status : status with
        {
            PreviewUrl = JobUrls.WithKey(status.PreviewUrl, shareKey),
            ResultUrl = JobUrls.WithKey(status.ResultUrl, shareKey),
        };
    }

    /// <summary>The loss curve: live steps while running, stored steps once finished.</summary>
    public async Task<IReadOnlyList<LossPoint>> LossCurveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (live.Find(id) is { } running)
        {
            return running.Steps().Select(s => new LossPoint(s.Iteration, s.ContentLoss, s.StyleLoss, s.TvLoss, s.TotalLoss)).ToList();
        }

        var steps = await store.StepsAsync(id, cancellationToken);
        return steps.Select(s => new LossPoint(s.Iteration, s.ContentLoss, s.StyleLoss, s.TvLoss, s.TotalLoss)).ToList();
    }

    private List<SketchStatus> Sketches(Guid id, JobSettings settings)
    {
        IReadOnlyList<Sketch> planned;
        try
        {
            planned = JobSketches.Plan(settings);
        }
        catch (StyleTransferException)
        {
            // Settings this server no longer accepts (a network since removed): the job failed with the reason.
            return [];
        }

        var contentSketches = SketchWords.ContentSketches(planned);
        return planned.Select(s => (Sketch: s, Words: SketchWords.Describe(settings, s, contentSketches))).Select(s => new SketchStatus(
            s.Sketch.Index,
            s.Words.Title,
            s.Words.Caption,
            pictures.Exists(id, PictureKind.Sketch, s.Sketch.Index) ? JobUrls.Sketch(id, s.Sketch.Index) : null,
            s.Sketch.FullSize is null ? null : JobUrls.PaintSketch(id, s.Sketch.Index))).ToList();
    }

    public async Task<JobStatus> DescribeAsync(JobEntity job, Owner? asking, CancellationToken cancellationToken = default)
    {
        var settings = JobStore.SettingsOf(job);
        var running = live.Find(job.Id);
        var last = running?.Last;
        Losses? losses = null;
        var iteration = 0;
        if (last is not null)
        {
            iteration = last.Iteration;
            losses = new Losses(last.ContentLoss, last.StyleLoss, last.TvLoss, last.TotalLoss);
        }
        else if (job.State is JobState.Succeeded)
        {
            var steps = await store.StepsAsync(job.Id, cancellationToken);
            if (steps.Count > 0)
            {
                var final = steps[^1];
                iteration = final.Iteration;
                losses = new Losses(final.ContentLoss, final.StyleLoss, final.TvLoss, final.TotalLoss);
            }
        }

        var frame = running?.Frame;
        return new JobStatus(
            job.Id,
            job.State,
            job.State == JobState.Queued ? queue.PositionOf(job.Id) : null,
            iteration,
            job.Iterations,
            losses,
            job.State == JobState.Running ? LiveJob.SecondsLeft(last) : null,
            job.Error,
            job.CreatedAt,
            job.StartedAt,
            job.FinishedAt,
            job.DurationSeconds,
            job.Device,
            job.StyleCount,
            settings,
            frame is not null ? JobUrls.Preview(job.Id, frame.Iteration) : job.State == JobState.Succeeded ? JobUrls.Thumbnail(job.Id) : null,
            job.State == JobState.Succeeded ? JobUrls.Result(job.Id) : null,
            asking is not null && asking.Id == job.OwnerId,
            JobAccess.CanManage(job, asking),
            job.Private,
            Sketches(job.Id, settings));
    }
}
