using NeuralStyle.Web.Data;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Jobs;

/// <summary>Who may see and who may change a job: a private job is its owner's and the admins' alone.</summary>
public static class JobAccess
{
    /// <summary>Whether <paramref name="who"/> may know the job exists; callers answer "not found" otherwise.</summary>
    public static bool CanSee(JobEntity job, Owner? who) => !job.Private || CanManage(job, who);

    /// <summary>Cancel, delete, make private or public.</summary>
    public static bool CanManage(JobEntity job, Owner? who) => who is not null && (job.OwnerId == who.Id || who.IsAdmin);
}
