using Microsoft.Extensions.Options;
using NeuralStyle.Web.Limits;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// How many jobs one person may have waiting. Submissions still being stored count as waiting, so two submitted at
/// the same moment cannot both slip under the limit.
/// </summary>
public sealed class WaitingJobsLimit(JobQueue queue, IOptions<LimitOptions> options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> arriving = [];

    public int Limit => options.Value.WaitingJobsPerPerson;

    public string Refusal => Limit is 1
        ? "You already have a picture waiting; wait until it starts."
        : $"You already have {Limit} pictures waiting; wait until one starts.";

    /// <summary>Holds a place in the owner's allowance until <see cref="Release"/>; false when it is used up.</summary>
    public bool TryReserve(string ownerId)
    {
        lock (gate)
        {
            var count = arriving.GetValueOrDefault(ownerId);
            if (queue.CountOf(ownerId) + count >= Limit)
            {
                return false;
            }

            arriving[ownerId] = count + 1;
            return true;
        }
    }

    /// <summary>Called once the reserved submission is in the queue or has been refused.</summary>
    public void Release(string ownerId)
    {
        lock (gate)
        {
            if (--arriving[ownerId] == 0)
            {
                arriving.Remove(ownerId);
            }
        }
    }
}
