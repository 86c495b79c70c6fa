namespace NeuralStyle.Web.Limits;

/// <summary>What a person reads when a rate limit turns them away.</summary>
public static class RateLimitMessages
{
    public const string SubmissionsTitle = "Too many jobs started.";
    public const string RequestsTitle = "Too many requests.";

    public static string Submissions(TimeSpan retryAfter) => $"You have started many jobs in a short time; try again in {Wait(retryAfter)}.";

    public static string Requests(TimeSpan retryAfter) => $"You have sent many requests in a short time; try again in {Wait(retryAfter)}.";

    /// <summary>Whole seconds, rounded up so that trying again after them succeeds.</summary>
    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    private static string Wait(TimeSpan retryAfter) => Seconds(retryAfter) is 1 ? "1 second" : $"{Seconds(retryAfter)} seconds";
}
