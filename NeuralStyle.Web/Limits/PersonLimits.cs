using Microsoft.Extensions.Options;
using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Limits;

/// <summary>What one person may ask of the server at a time.</summary>
public sealed record Allowance(int SubmissionsPerMinute, int RequestsPerMinute, int WaitingJobs, int MaxSize, int MaxIterations, int SignInAttemptsPerMinute);

/// <summary>The allowance of anonymous browsers and of signed-in people, and the sentence telling when signing in raises one.</summary>
public sealed class PersonLimits(IOptions<LimitOptions> limits, IOptions<JobOptions> jobs, IOptions<AccountOptions> accounts)
{
    public Allowance Anonymous => new(limits.Value.SubmissionsPerMinute, limits.Value.RequestsPerMinute, limits.Value.WaitingJobsPerPerson,
        jobs.Value.MaxSize, jobs.Value.MaxIterations, limits.Value.SignInAttemptsPerMinute);

    public Allowance SignedIn => new(limits.Value.SignedInSubmissionsPerMinute, limits.Value.SignedInRequestsPerMinute, limits.Value.SignedInWaitingJobsPerPerson,
        limits.Value.SignedInMaxSize, limits.Value.SignedInMaxIterations, limits.Value.SignInAttemptsPerMinute);

    /// <summary>
    /// What one network address may ask, however many identities it presents: <see cref="LimitOptions.PeoplePerAddress"/>
    /// people's worth (people signed in where this server has accounts, since only they may paint there).
    /// </summary>
    public Allowance PerAddress
    {
        get
        {
            var (person, people) = (accounts.Value.Enabled ? SignedIn : Anonymous, limits.Value.PeoplePerAddress);
            return person with
            {
                SubmissionsPerMinute = Times(person.SubmissionsPerMinute, people),
                RequestsPerMinute = Times(person.RequestsPerMinute, people),
                WaitingJobs = Times(person.WaitingJobs, people),
                SignInAttemptsPerMinute = Times(person.SignInAttemptsPerMinute, people),
            };
        }
    }

    public Allowance For(Owner who) => who.SignedIn && accounts.Value.Enabled ? SignedIn : Anonymous;

    /// <summary>" Signing in raises this limit to N." where this server has accounts and it is true; else empty.</summary>
    public string SigningInRaises(Owner who, Func<Allowance, int> limit) =>
        accounts.Value.Enabled && !who.SignedIn && limit(SignedIn) > limit(Anonymous) ? $" Signing in raises this limit to {limit(SignedIn)}." : "";

    private static int Times(int limit, int people) => (int)Math.Min(int.MaxValue, (long)limit * people);
}
