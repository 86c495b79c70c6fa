using Microsoft.AspNetCore.SignalR;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Web.Hubs;

/// <summary>
/// Forwards every job event from the notifier to the hub group of that job, and takes a job made private away from the
/// connections that may no longer see it.
/// </summary>
internal sealed class ProgressHubRelay(
    JobNotifier notifier, IHubContext<ProgressHub> hub, HubSubscribers subscribers, JobStore store, ILogger<ProgressHubRelay> logger) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = notifier.SubscribeAll(Forward);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void Forward(JobEvent jobEvent)
    {
        if (jobEvent is JobMadePrivate)
        {
            _ = DropWhoMayNotSeeAsync(jobEvent.JobId).ContinueWith(
                t => logger.LogWarning(t.Exception, "Could not stop relaying job {JobId} to those who may no longer see it", jobEvent.JobId),
                TaskContinuationOptions.OnlyOnFaulted);
            return;
        }

        var method = jobEvent switch
        {
            JobProgressed => "progress",
            JobFrameReady => "frame",
            JobSketchReady => "sketch",
            JobStarted => "started",
            JobFinished => "finished",
            _ => null,
        };
        if (method is null)
        {
            return;
        }

        // Sending must not hold up the optimisation thread that published the event.
        _ = hub.Clients.Group(ProgressHub.GroupOf(jobEvent.JobId)).SendAsync(method, jobEvent).ContinueWith(
            t => logger.LogWarning(t.Exception, "Could not relay {Method} for job {JobId}", method, jobEvent.JobId),
            TaskContinuationOptions.OnlyOnFaulted);
    }

    private async Task DropWhoMayNotSeeAsync(Guid jobId)
    {
        var job = await store.FindAsync(jobId);
        foreach (var (connection, who) in subscribers.Of(jobId))
        {
            if (job is null || !JobAccess.CanSee(job, who))
            {
                subscribers.Remove(jobId, connection);
                await hub.Groups.RemoveFromGroupAsync(connection, ProgressHub.GroupOf(jobId));
            }
        }
    }
}
