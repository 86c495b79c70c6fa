namespace NeuralStyle.Web.Limits;

/// <summary>What a person reads when a rate limit turns them away.</summary>
public static class RateLimitMessages
{
    public const string SubmissionsTitle = "Too many jobs started.";
    public const string RequestsTitle = "Too many requests.";

    /// <summary>The ProblemDetails type of a 429 (RFC 6585, section 4).</summary>
    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    public static string Submissions(TimeSpan retryAfter) => $"You have started many jobs in a short time; try again in {Wait(retryAfter)}.";

    public static string Requests(TimeSpan retryAfter) => $"You have sent many requests in a short time; try again in {Wait(retryAfter)}.";

    public static string AddressSubmissions(TimeSpan retryAfter) =>
        $"Many jobs have been started from your network address in a short time (everyone behind it counts together); try again in {Wait(retryAfter)}.";

    public static string AddressRequests(TimeSpan retryAfter) =>
        $"Many requests have come from your network address in a short time (everyone behind it counts together); try again in {Wait(retryAfter)}.";

    /// <summary>Whole seconds, rounded up so that trying again after them succeeds.</summary>
    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    private static string Wait(TimeSpan retryAfter) => Seconds(retryAfter) is 1 ? "1 second" : $"{Seconds(retryAfter)} seconds";
}
