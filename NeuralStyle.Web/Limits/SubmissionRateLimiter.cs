using System.Threading.RateLimiting;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Limits;

/// <summary>A rate limit's refusal: the sentence to show and when trying again will succeed.</summary>
public sealed record RateRefusal(string Message, TimeSpan RetryAfter);

/// <summary>
/// How many jobs a person, and everyone behind one network address, may start per minute, through the API and the
/// Create page together. The submitter asks only once a job's fields and pictures are valid, so a mistake costs
/// none of the allowance (the API's requests limit still counts every attempt).
/// </summary>
public sealed class SubmissionRateLimiter(PersonLimits limits) : IDisposable
{
    private readonly PartitionedRateLimiter<Owner> people = PartitionedRateLimiter.Create<Owner, string>(
        who => RateLimitPartition.GetFixedWindowLimiter(ClientKey.Of(who), _ => RateLimitRegistration.PerMinute(limits.For(who).SubmissionsPerMinute)));

    private readonly PartitionedRateLimiter<string> addresses = PartitionedRateLimiter.Create<string, string>(
        address => RateLimitPartition.GetFixedWindowLimiter(address, _ => RateLimitRegistration.PerMinute(limits.PerAddress.SubmissionsPerMinute)));

    /// <summary>
    /// Null when the person may start a job now (it is counted), else why not. The person's own allowance is asked
    /// first, so someone over theirs does not use up the address's allowance that others behind it share.
    /// </summary>
    public RateRefusal? Refusal(Owner who)
    {
        using (var lease = people.AttemptAcquire(who))
        {
            if (!lease.IsAcquired)
            {
                var wait = RetryAfter(lease);
                return new RateRefusal(RateLimitMessages.Submissions(wait) + limits.SigningInRaises(who, a => a.SubmissionsPerMinute), wait);
            }
        }

        if (who.Address is not { } address)
        {
            return null;
        }

        using var shared = addresses.AttemptAcquire(ClientKey.OfAddress(address));
        return shared.IsAcquired ? null : new RateRefusal(RateLimitMessages.AddressSubmissions(RetryAfter(shared)), RetryAfter(shared));
    }

    public void Dispose()
    {
        people.Dispose();
        addresses.Dispose();
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) => lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
}
