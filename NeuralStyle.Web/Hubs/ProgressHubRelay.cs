using Microsoft.AspNetCore.SignalR;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Web.Hubs;

/// <summary>Forwards every job event from the notifier to the hub group of that job.</summary>
internal sealed class ProgressHubRelay(JobNotifier notifier, IHubContext<ProgressHub> hub, ILogger<ProgressHubRelay> logger) : IHostedService
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
}
