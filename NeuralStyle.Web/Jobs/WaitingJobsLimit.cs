using NeuralStyle.Web.Limits;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// How many jobs one person may have waiting. Submissions still being stored count as waiting, so two submitted at
/// the same moment cannot both slip under the limit.
/// </summary>
public sealed class WaitingJobsLimit(JobQueue queue, PersonLimits limits)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> arriving = [];

    public string Refusal(Owner who) => (limits.For(who).WaitingJobs is 1
        ? "You already have a picture waiting; wait until it starts."
        : $"You already have {limits.For(who).WaitingJobs} pictures waiting; wait until one starts.") + limits.SigningInRaises(who, a => a.WaitingJobs);

    /// <summary>Holds a place in the owner's allowance until <see cref="Release"/>; false when it is used up.</summary>
    public bool TryReserve(Owner who)
    {
        lock (gate)
        {
            var count = arriving.GetValueOrDefault(who.Id);
            if (queue.CountOf(who.Id) + count >= limits.For(who).WaitingJobs)
            {
                return false;
            }

            arriving[who.Id] = count + 1;
            return true;
        }
    }

    /// <summary>Called once the reserved submission is in the queue or has been refused.</summary>
    public void Release(Owner who)
    {
        lock (gate)
        {
            if (--arriving[who.Id] == 0)
            {
                arriving.Remove(who.Id);
            }
        }
    }
}
