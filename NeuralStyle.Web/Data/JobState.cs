namespace NeuralStyle.Web.Data;

/// <summary>Where a job is in its life; only Queued and Running can still change.</summary>
public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Canceled,
}
