using System.Threading.RateLimiting;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Limits;

/// <summary>
/// The submission rate limit for the Create page, whose submit travels over the Blazor circuit and never passes the
/// rate limiting middleware; same numbers as the API's policy, counted per browser or account.
/// </summary>
public sealed class SubmissionRateLimiter(PersonLimits limits) : IDisposable
{
    private readonly PartitionedRateLimiter<Owner> limiter = PartitionedRateLimiter.Create<Owner, string>(
        who => RateLimitPartition.GetFixedWindowLimiter(ClientKey.OfOwner(who.Id), _ => RateLimitRegistration.PerMinute(limits.For(who).SubmissionsPerMinute)));

    /// <summary>Null when the person may submit now (the submission is counted), else the sentence saying when to try again.</summary>
    public string? Refusal(Owner who)
    {
        using var lease = limiter.AttemptAcquire(who);
        if (lease.IsAcquired)
        {
            return null;
        }

        return RateLimitMessages.Submissions(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1))
            + limits.SigningInRaises(who, a => a.SubmissionsPerMinute);
    }

    public void Dispose() => limiter.Dispose();
}
