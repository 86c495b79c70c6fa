using System.ComponentModel.DataAnnotations;

namespace NeuralStyle.Web.Limits;

/// <summary>Configuration section <c>NeuralStyle:Limits</c>: how much one person may ask of a shared server.</summary>
public sealed class LimitOptions
{
    public const string Section = "NeuralStyle:Limits";

    /// <summary>Jobs one client may submit per minute, through the API and through the Create page (counted apart).</summary>
    [Range(1, 100_000)]
    public int SubmissionsPerMinute { get; set; } = 10;

    /// <summary>
    /// Other API requests (status, pictures, gallery) one client may make per minute. The pages fetch pictures through
    /// the API too (24 thumbnails a gallery page, two preview frames a second while a job is watched), hence the room.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 1200;

    /// <summary>Jobs one person may have waiting in the queue at once; running jobs do not count.</summary>
    [Range(1, 10_000)]
    public int WaitingJobsPerPerson { get; set; } = 3;
}
