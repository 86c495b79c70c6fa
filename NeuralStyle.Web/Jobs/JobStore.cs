using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Jobs;

/// <summary>Jobs in the database. The worker thread uses the synchronous methods; requests use the asynchronous ones.</summary>
public sealed class JobStore(IDbContextFactory<StyleDbContext> contexts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(JobSettings settings) => JsonSerializer.Serialize(settings, Json);

    /// <summary>
    /// The job's settings as stored. Jobs stored before anti-aliasing existed ran without it: a missing field reads as
    /// off, not as today's default.
    /// </summary>
    public static JobSettings SettingsOf(JobEntity job)
    {
        var settings = JsonSerializer.Deserialize<JobSettings>(job.SettingsJson, Json) ?? new JobSettings();
        return job.SettingsJson.Contains("\"antiAliasing\"", StringComparison.Ordinal) ? settings : settings with { AntiAliasing = false };
    }

    public async Task AddAsync(JobEntity job, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Jobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<JobEntity?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<JobStepEntity>> StepsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Steps.AsNoTracking().Where(s => s.JobId == id).OrderBy(s => s.Iteration).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// After a restart: a job that was running when the server stopped goes back to the queue (its partial picture is
    /// lost, so it starts over). Returns every waiting job, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<JobEntity>> RecoverAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Jobs.Where(j => j.State == JobState.Running).ExecuteUpdateAsync(
            set => set.SetProperty(j => j.State, JobState.Queued)
                .SetProperty(j => j.StartedAt, (DateTimeOffset?)null)
                .SetProperty(j => j.Error, "The server restarted while this job was running, so it starts again from the beginning."),
            cancellationToken);
        return await db.Jobs.AsNoTracking().Where(j => j.State == JobState.Queued).OrderBy(j => j.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> IdsAsync(JobState? state = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var jobs = db.Jobs.AsNoTracking();
        return await (state is { } only ? jobs.Where(j => j.State == only) : jobs).Select(j => j.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Fails succeeded jobs whose result is gone, so that no gallery entry points at a missing file.</summary>
    public async Task<int> MarkResultsLostAsync(IReadOnlyCollection<Guid> ids, string error, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.Where(j => ids.Contains(j.Id) && j.State == JobState.Succeeded).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.State, JobState.Failed)
            .SetProperty(j => j.Error, error), cancellationToken);
    }

    /// <summary>Marks a waiting job as running; null when it is no longer waiting (canceled or deleted meanwhile).</summary>
    public JobEntity? MarkRunning(Guid id, string device)
    {
        using var db = contexts.CreateDbContext();
        var job = db.Jobs.FirstOrDefault(j => j.Id == id);
        if (job is not { State: JobState.Queued })
        {
            return null;
        }

        job.State = JobState.Running;
        job.StartedAt = DateTimeOffset.UtcNow;
        job.Device = device;
        job.Error = null;
        db.SaveChanges();
        return job;
    }

    public void MarkSucceeded(Guid id, StyleResult result)
    {
        using var db = contexts.CreateDbContext();
        var job = db.Jobs.First(j => j.Id == id);
        job.State = JobState.Succeeded;
        job.FinishedAt = DateTimeOffset.UtcNow;
        job.DurationSeconds = result.Duration.TotalSeconds;
        job.Device = result.Device;
        job.ResultWidth = result.Image.Width;
        job.ResultHeight = result.Image.Height;
        db.Steps.AddRange(result.Steps.Select(s => new JobStepEntity
        {
            JobId = id,
            Iteration = s.Iteration,
            ContentLoss = s.ContentLoss,
            StyleLoss = s.StyleLoss,
            TvLoss = s.TvLoss,
            TotalLoss = s.TotalLoss,
            ElapsedSeconds = s.Elapsed.TotalSeconds,
        }));
        db.SaveChanges();
    }

    /// <summary>Ends a job that did not succeed, or (with <see cref="JobState.Queued"/>) puts it back for a later start.</summary>
    public void MarkEnded(Guid id, JobState state, string? error)
    {
        using var db = contexts.CreateDbContext();
        db.Jobs.Where(j => j.Id == id).ExecuteUpdate(set => set
            .SetProperty(j => j.State, state)
            .SetProperty(j => j.Error, error)
            .SetProperty(j => j.FinishedAt, state == JobState.Queued ? null : DateTimeOffset.UtcNow));
    }

    /// <summary>Cancels a job that has not started; false when it already started or ended.</summary>
    public async Task<bool> CancelQueuedAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Jobs.Where(j => j.Id == id && j.State == JobState.Queued).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.State, JobState.Canceled)
            .SetProperty(j => j.FinishedAt, DateTimeOffset.UtcNow), cancellationToken);
        return changed == 1;
    }

    /// <summary>One owner's jobs that are waiting or running, oldest first.</summary>
    public async Task<IReadOnlyList<JobEntity>> UnfinishedAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking()
            .Where(j => j.OwnerId == ownerId && (j.State == JobState.Queued || j.State == JobState.Running))
            .OrderBy(j => j.CreatedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Succeeded jobs that <paramref name="viewer"/> may see (see <see cref="JobAccess"/>; a share link lists nothing),
    /// newest first; with <paramref name="mine"/> only the viewer's own.
    /// </summary>
    public async Task<(IReadOnlyList<JobEntity> Items, int Total)> GalleryAsync(int page, int pageSize, Owner viewer, bool mine = false, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (viewerId, admin) = (viewer.Id, viewer.IsAdmin);
        var succeeded = db.Jobs.AsNoTracking().Where(j => j.State == JobState.Succeeded && (mine ? j.OwnerId == viewerId : !j.Private || admin || j.OwnerId == viewerId));
        var total = await succeeded.CountAsync(cancellationToken);
        var items = await succeeded.OrderByDescending(j => j.CreatedAt).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task SetPrivateAsync(Guid id, bool isPrivate, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(set => set.SetProperty(j => j.Private, isPrivate), cancellationToken);
    }

    /// <summary>Sets or (with null) withdraws the key of a job's share link.</summary>
    public async Task SetShareKeyAsync(Guid id, string? shareKey, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(set => set.SetProperty(j => j.ShareKey, shareKey), cancellationToken);
    }

    /// <summary>Gives every job of <paramref name="fromOwnerId"/> to <paramref name="toOwnerId"/>; returns how many moved.</summary>
    public async Task<int> TransferAsync(string fromOwnerId, string toOwnerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.Where(j => j.OwnerId == fromOwnerId).ExecuteUpdateAsync(set => set.SetProperty(j => j.OwnerId, toOwnerId), cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.Where(j => j.Id == id).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>Jobs that finished since <paramref name="since"/>, for the status page's throughput.</summary>
    public async Task<IReadOnlyList<JobEntity>> FinishedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Succeeded || j.State == JobState.Failed || j.State == JobState.Canceled)
            .Where(j => j.FinishedAt >= since)
            .ToListAsync(cancellationToken);
    }
}
