using Microsoft.AspNetCore.SignalR;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Hubs;

/// <summary>
/// Live progress for clients that are not this site's pages. Call <c>Subscribe(jobId)</c>; the server then sends
/// <c>progress</c> (<see cref="JobProgressed"/>), <c>frame</c> (<see cref="JobFrameReady"/>), <c>started</c> and
/// <c>finished</c> (<see cref="JobFinished"/>) for that job.
/// </summary>
public sealed class ProgressHub(JobStatusReader reader, HubSubscribers subscribers) : Hub
{
    public const string Path = "/hubs/progress";

    /// <summary>
    /// Starts sending the job's events to this connection and returns its status now; null, and no events, when there is
    /// no such job or it is someone else's private one (the connection's cookies say who is asking).
    /// </summary>
    public async Task<JobStatus?> Subscribe(Guid jobId)
    {
        var asking = Context.GetHttpContext()?.Person();
        if (await reader.GetAsync(jobId, asking, Context.ConnectionAborted) is null)
        {
            return null;
        }

        subscribers.Add(jobId, Context.ConnectionId, asking);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(jobId));
        return await reader.GetAsync(jobId, asking, Context.ConnectionAborted);
    }

    public Task Unsubscribe(Guid jobId)
    {
        subscribers.Remove(jobId, Context.ConnectionId);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(jobId));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscribers.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    internal static string GroupOf(Guid jobId) => $"job-{jobId:N}";
}
