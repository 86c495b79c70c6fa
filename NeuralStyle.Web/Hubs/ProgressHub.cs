using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Hubs;

/// <summary>
/// Live progress for clients that are not this site's pages. Call <c>Subscribe(jobId)</c>; the server then sends
/// <c>started</c> (<see cref="JobStarted"/>), <c>progress</c> (<see cref="JobProgressed"/>), <c>frame</c>
/// (<see cref="JobFrameReady"/>), <c>sketch</c> (<see cref="JobSketchReady"/>) and <c>finished</c>
/// (<see cref="JobFinished"/>) for that job. A job that had already ended when subscribed to gets its
/// <c>finished</c> at once, so a late watcher needs no special case.
/// </summary>
public sealed class ProgressHub(JobStatusReader reader, HubSubscribers subscribers) : Hub
{
    public const string Path = "/hubs/progress";

    /// <summary>
    /// Starts sending the job's events to this connection and returns its status now; null, and no events, when there is
    /// no such job or it is someone else's private one (the connection's cookies say who is asking).
    /// </summary>
    /// <param name="jobId">The id <c>POST /api/jobs</c> answered, as text; anything else is refused with a sentence saying so.</param>
    public async Task<JobStatus?> Subscribe(JsonElement jobId)
    {
        var id = JobIdOf(jobId);
        var asking = Context.GetHttpContext()?.Person();
        if (await reader.GetAsync(id, asking, Context.ConnectionAborted) is null)
        {
            return null;
        }

        subscribers.Add(id, Context.ConnectionId, asking);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(id));
        // Read after joining the group, so that an end in between is either in this status or sent to the group.
        var status = await reader.GetAsync(id, asking, Context.ConnectionAborted);
        if (status is { State: not (JobState.Queued or JobState.Running) })
        {
            await Clients.Caller.SendAsync("finished", new JobFinished(id, status.State, status.Error), Context.ConnectionAborted);
        }

        return status;
    }

    public Task Unsubscribe(JsonElement jobId)
    {
        var id = JobIdOf(jobId);
        subscribers.Remove(id, Context.ConnectionId);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(id));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscribers.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    internal static string GroupOf(Guid jobId) => $"job-{jobId:N}";

    /// <summary>
    /// The job id an argument carries. Taken as any JSON value rather than bound as a Guid, so that a wrong one is
    /// refused with a sentence (a <see cref="HubException"/>'s message reaches the client) instead of a binding error.
    /// </summary>
    private static Guid JobIdOf(JsonElement argument) =>
        argument.ValueKind == JsonValueKind.String && Guid.TryParse(argument.GetString(), out var id)
            ? id
            : throw new HubException($"{argument.GetRawText()} is not a job id: give the id that POST /api/jobs answered, like \"{Guid.Empty}\".");
}
