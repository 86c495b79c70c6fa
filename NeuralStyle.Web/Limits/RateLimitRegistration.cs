using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Limits;

public static class RateLimitRegistration
{
    /// <summary>Policy for every API endpoint; starting a job is counted once more, by <see cref="SubmissionRateLimiter"/>.</summary>
    public const string Requests = "requests";

    /// <summary>Policy for signing in and registering.</summary>
    public const string SignIns = "sign-ins";

    /// <summary>
    /// Per-client fixed windows of one minute, and the same per network address at several people's worth; a refusal
    /// is a 429 with Retry-After and ProblemDetails.
    /// </summary>
    public static IHostApplicationBuilder AddNeuralStyleLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SubmissionRateLimiter>();
        builder.Services.AddSingleton<AddressRateLimiter>();
        builder.Services.AddOptions<RateLimiterOptions>().Configure<AddressRateLimiter>((options, addresses) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = addresses;
            options.AddPolicy(Requests, context => PerMinute(ClientKey.Of(context), Allowance(context).RequestsPerMinute));
            options.AddPolicy(SignIns, context => PerMinute(ClientKey.Of(context), Allowance(context).SignInAttemptsPerMinute));
            options.OnRejected = RejectAsync;
        });
        builder.Services.AddRateLimiter(_ => { });
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

    /// <summary>Whole seconds after which trying again succeeds, as a 429 tells them.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = RateLimitMessages.Seconds(wait).ToString(CultureInfo.InvariantCulture);

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => PerMinute(permits));

    private static Allowance Allowance(HttpContext context) => context.RequestServices.GetRequiredService<PersonLimits>().For(context.Person());

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var message = AddressRateLimiter.Refused(context)
            ? RateLimitMessages.AddressRequests(wait)
            : RateLimitMessages.Requests(wait) + context.RequestServices.GetRequiredService<PersonLimits>().SigningInRaises(context.Person(), a => a.RequestsPerMinute);
        SetRetryAfter(context.Response, wait);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = RateLimitMessages.TooManyRequestsType,
                Title = RateLimitMessages.RequestsTitle,
                Detail = message,
            },
        });
    }
}
