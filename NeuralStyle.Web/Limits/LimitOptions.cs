using System.ComponentModel.DataAnnotations;

namespace NeuralStyle.Web.Limits;

/// <summary>
/// Configuration section <c>NeuralStyle:Limits</c>: how much one person may ask of a shared server. The <c>SignedIn</c>
/// numbers apply to people signed in to an account (NeuralStyle:Accounts), who can be told apart and asked to behave;
/// everyone else gets these and the Jobs section's MaxSize and MaxIterations.
/// </summary>
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

    /// <summary>Sign-in and registration attempts one client may make per minute, so passwords cannot be guessed quickly.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// How many people one network address may stand for (a lab or an office behind one NAT): every limit also counts
    /// per address, however many owner cookies or accounts that address presents, at this many times the per-person
    /// limit (the signed-in one on a server with accounts).
    /// </summary>
    [Range(1, 10_000)]
    public int PeoplePerAddress { get; set; } = 10;

    [Range(1, 100_000)]
    public int SignedInSubmissionsPerMinute { get; set; } = 30;

    [Range(1, 1_000_000)]
    public int SignedInRequestsPerMinute { get; set; } = 3000;

    [Range(1, 10_000)]
    public int SignedInWaitingJobsPerPerson { get; set; } = 10;

    /// <summary>Largest output size (long side, pixels) a signed-in person may ask for.</summary>
    [Range(16, 8192)]
    public int SignedInMaxSize { get; set; } = 2048;

    /// <summary>Most iterations a signed-in person may ask for.</summary>
    [Range(1, 100_000)]
    public int SignedInMaxIterations { get; set; } = 5000;
}
