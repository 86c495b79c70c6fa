using NeuralStyle.Web.Limits;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// How many jobs one person, and everyone behind one network address, may have waiting. Submissions still being
/// stored count as waiting, so two submitted at the same moment cannot both slip under the limit.
/// </summary>
public sealed class WaitingJobsLimit(JobQueue queue, PersonLimits limits)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> arriving = [];

    /// <summary>The limit keys each job queued through here counts against, until it leaves the queue.</summary>
    private readonly Dictionary<Guid, string[]> waiting = [];

    /// <summary>
    /// Holds a place in the person's and the address's allowance until <see cref="Release"/> and answers null, or
    /// answers the sentence saying why not (nothing is then held).
    /// </summary>
    public string? Reserve(Owner who)
    {
        lock (gate)
        {
            foreach (var started in waiting.Keys.Where(id => queue.PositionOf(id) is null).ToList())
            {
                waiting.Remove(started);
            }

            var (person, allowed) = (ClientKey.Of(who), limits.For(who).WaitingJobs);
            // A person's own id also counts the jobs a restart put back in the queue.
            var theirs = who.LimitKey is null ? queue.CountOf(who.Id) : Waiting(person);
            if (theirs + arriving.GetValueOrDefault(person) >= allowed)
            {
                return (allowed is 1
                    ? "You already have a picture waiting; wait until it starts."
                    : $"You already have {allowed} pictures waiting; wait until one starts.") + limits.SigningInRaises(who, a => a.WaitingJobs);
            }

            var fromAddress = limits.PerAddress.WaitingJobs;
            if (AddressKey(who) is { } address && Waiting(address) + arriving.GetValueOrDefault(address) >= fromAddress)
            {
                return $"{fromAddress} pictures from your network address are waiting already (everyone behind it counts together); wait until one starts.";
            }

            foreach (var key in Keys(who))
            {
                arriving[key] = arriving.GetValueOrDefault(key) + 1;
            }

            return null;
        }
    }

    /// <summary>Called once the reserved submission is in the queue as <paramref name="queued"/>, or has been refused (null).</summary>
    public void Release(Owner who, Guid? queued)
    {
        lock (gate)
        {
            var keys = Keys(who);
            foreach (var key in keys)
            {
                if (--arriving[key] == 0)
                {
                    arriving.Remove(key);
                }
            }

            if (queued is { } id)
            {
                waiting[id] = keys;
            }
        }
    }

    private int Waiting(string key) => waiting.Values.Count(keys => keys.Contains(key));

    private static string? AddressKey(Owner who) => who.Address is { } address ? ClientKey.OfAddress(address) : null;

    private static string[] Keys(Owner who) => AddressKey(who) is { } address ? [ClientKey.Of(who), address] : [ClientKey.Of(who)];
}
