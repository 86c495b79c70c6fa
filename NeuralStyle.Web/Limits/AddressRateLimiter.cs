using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace NeuralStyle.Web.Limits;

/// <summary>
/// The rate limiting middleware's global limiter: each API policy's allowance counted per network address as well,
/// at <see cref="PersonLimits.PerAddress"/>, so identities made up or collected by one address cannot add up past
/// it. A refusal is noted on the request, so the 429 can say that the address, not the person, is over.
/// </summary>
internal sealed class AddressRateLimiter(PersonLimits limits) : PartitionedRateLimiter<HttpContext>
{
    private const string RefusedKey = "NeuralStyle.AddressRefused";

    private readonly PartitionedRateLimiter<HttpContext> inner = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is { } policy && Permits(limits.PerAddress, policy) is { } permits
            ? RateLimitPartition.GetFixedWindowLimiter($"{policy}|{ClientKey.OfAddress(ClientKey.AddressOf(context))}", _ => RateLimitRegistration.PerMinute(permits))
            : RateLimitPartition.GetNoLimiter(""));

    /// <summary>Whether this limiter, rather than the person's own policy, turned <paramref name="context"/> away.</summary>
    public static bool Refused(HttpContext context) => context.Items.ContainsKey(RefusedKey);

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => Noted(resource, inner.AttemptAcquire(resource, permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Noted(resource, await inner.AcquireAsync(resource, permitCount, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static int? Permits(Allowance perAddress, string policy) => policy switch
    {
        RateLimitRegistration.Requests => perAddress.RequestsPerMinute,
        RateLimitRegistration.SignIns => perAddress.SignInAttemptsPerMinute,
        _ => null,
    };

    private static RateLimitLease Noted(HttpContext context, RateLimitLease lease)
    {
        if (!lease.IsAcquired)
        {
            context.Items[RefusedKey] = true;
        }

        return lease;
    }
}
