using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Limits;

public static class RateLimitRegistration
{
    /// <summary>Policy for <c>POST /api/jobs</c>.</summary>
    public const string Submissions = "submissions";

    /// <summary>Policy for every other API endpoint.</summary>
    public const string Requests = "requests";

    /// <summary>Policy for signing in and registering.</summary>
    public const string SignIns = "sign-ins";

    /// <summary>Per-client fixed windows of one minute; a refusal is a 429 with Retry-After and ProblemDetails.</summary>
    public static IHostApplicationBuilder AddNeuralStyleLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SubmissionRateLimiter>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Submissions, context => PerMinute(ClientKey.Of(context), Allowance(context).SubmissionsPerMinute));
            options.AddPolicy(Requests, context => PerMinute(ClientKey.Of(context), Allowance(context).RequestsPerMinute));
            options.AddPolicy(SignIns, context => PerMinute(ClientKey.Of(context),
                context.RequestServices.GetRequiredService<IOptions<LimitOptions>>().Value.SignInAttemptsPerMinute));
            options.OnRejected = RejectAsync;
        });
        return builder;
    }

    /// <summary>A window of <paramref name="permits"/> per minute that refuses at once rather than queueing.</summary>
    public static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => PerMinute(permits));

    private static Allowance Allowance(HttpContext context) => context.RequestServices.GetRequiredService<PersonLimits>().For(Asking(context));

    private static Owner Asking(HttpContext context) => AccountClaims.SignedIn(context) ?? new Owner(ClientKey.Of(context));

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var submission = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Submissions;
        context.Response.Headers.RetryAfter = RateLimitMessages.Seconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = submission ? RateLimitMessages.SubmissionsTitle : RateLimitMessages.RequestsTitle,
                Detail = (submission ? RateLimitMessages.Submissions(retryAfter) : RateLimitMessages.Requests(retryAfter))
                    + context.RequestServices.GetRequiredService<PersonLimits>().SigningInRaises(
                        Asking(context), submission ? a => a.SubmissionsPerMinute : a => a.RequestsPerMinute),
            },
        });
    }
}
