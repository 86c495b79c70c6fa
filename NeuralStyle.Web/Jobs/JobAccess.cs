using System.Security.Cryptography;
using System.Text;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// Who may see and who may change a job: a private job is its owner's and the admins' alone, and also shows to whoever
/// holds the link its owner shared (which lists it nowhere and lets nobody change it).
/// </summary>
public static class JobAccess
{
    /// <summary>Whether <paramref name="who"/> may know the job exists; callers answer "not found" otherwise.</summary>
    public static bool CanSee(JobEntity job, Owner? who, string? shareKey = null) => !job.Private || CanManage(job, who) || SharedBy(job, shareKey);

    /// <summary>Cancel, delete, make private or public, share.</summary>
    public static bool CanManage(JobEntity job, Owner? who) => who is not null && (job.OwnerId == who.Id || who.IsAdmin);

    /// <summary>Whether <paramref name="shareKey"/> is the job's share link's key (compared in constant time).</summary>
    public static bool SharedBy(JobEntity job, string? shareKey) =>
        job.ShareKey is { } key && shareKey is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes(shareKey));

    /// <summary>A new share link's key: 128 random bits, as 32 hex digits (a URL needs no escaping for them).</summary>
    public static string NewShareKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
