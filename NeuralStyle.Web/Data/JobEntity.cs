namespace NeuralStyle.Web.Data;

/// <summary>One style-transfer request and, once done, its gallery entry (a succeeded job is shown in the gallery).</summary>
public sealed class JobEntity
{
    public Guid Id { get; set; }

    /// <summary>Who submitted it: the anonymous browser id (cookie), or the signed-in account's owner id.</summary>
    public required string OwnerId { get; set; }

    /// <summary>Only its owner and the server's admins may see it, its pictures and its progress (and whoever has its share link).</summary>
    public bool Private { get; set; }

    /// <summary>The secret in the link its owner shared, which shows a private job to anyone who has it; null while not shared.</summary>
    public string? ShareKey { get; set; }

    public JobState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The <see cref="Jobs.JobSettings"/> as JSON, exactly as submitted (after defaults).</summary>
    public required string SettingsJson { get; set; }

    public int StyleCount { get; set; }

    public int Iterations { get; set; }

    public int ResultWidth { get; set; }

    public int ResultHeight { get; set; }

    public double? DurationSeconds { get; set; }

    public string? Device { get; set; }

    /// <summary>A sentence a person understands: why it failed, or why it was re-queued.</summary>
    public string? Error { get; set; }

    public List<JobStepEntity> Steps { get; set; } = [];
}
