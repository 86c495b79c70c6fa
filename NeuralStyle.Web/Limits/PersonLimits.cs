using Microsoft.Extensions.Options;
using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Limits;

/// <summary>What one person may ask of the server at a time.</summary>
public sealed record Allowance(int SubmissionsPerMinute, int RequestsPerMinute, int WaitingJobs, int MaxSize, int MaxIterations);

/// <summary>The allowance of anonymous browsers and of signed-in people, and the sentence telling when signing in raises one.</summary>
public sealed class PersonLimits(IOptions<LimitOptions> limits, IOptions<JobOptions> jobs, IOptions<AccountOptions> accounts)
{
    public Allowance Anonymous => new(limits.Value.SubmissionsPerMinute, limits.Value.RequestsPerMinute, limits.Value.WaitingJobsPerPerson, jobs.Value.MaxSize, jobs.Value.MaxIterations);

    public Allowance SignedIn => new(limits.Value.SignedInSubmissionsPerMinute, limits.Value.SignedInRequestsPerMinute, limits.Value.SignedInWaitingJobsPerPerson,
        limits.Value.SignedInMaxSize, limits.Value.SignedInMaxIterations);

    public Allowance For(Owner who) => who.SignedIn && accounts.Value.Enabled ? SignedIn : Anonymous;

    /// <summary>" Signing in raises this limit to N." where this server has accounts and it is true; else empty.</summary>
    public string SigningInRaises(Owner who, Func<Allowance, int> limit) =>
        accounts.Value.Enabled && !who.SignedIn && limit(SignedIn) > limit(Anonymous) ? $" Signing in raises this limit to {limit(SignedIn)}." : "";
}
