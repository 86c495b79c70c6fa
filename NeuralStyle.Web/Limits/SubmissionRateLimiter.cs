using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace NeuralStyle.Web.Limits;

/// <summary>
/// The submission rate limit for the Create page, whose submit travels over the Blazor circuit and never passes the
/// rate limiting middleware; same numbers as the API's policy, counted per browser.
/// </summary>
public sealed class SubmissionRateLimiter(IOptions<LimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(
        key => RateLimitPartition.GetFixedWindowLimiter(key, _ => RateLimitRegistration.PerMinute(options.Value.SubmissionsPerMinute)));

    /// <summary>Null when the owner may submit now (the submission is counted), else the sentence saying when to try again.</summary>
    public string? Refusal(string ownerId)
    {
        using var lease = limiter.AttemptAcquire(ClientKey.OfOwner(ownerId));
        if (lease.IsAcquired)
        {
            return null;
        }

        return RateLimitMessages.Submissions(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
    }

    public void Dispose() => limiter.Dispose();
}
