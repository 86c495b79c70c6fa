using Microsoft.AspNetCore.Components;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Components.Pages;

/// <summary>A job as it runs: queue place, live picture, progress and loss curve, refreshed as its events arrive.</summary>
public partial class Job : IDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);
    private readonly List<IDisposable> subscriptions = [];
    private readonly Lock gate = new();
    private JobStatus? status;
    private IReadOnlyList<LossPoint> points = [];
    private bool loaded;
    private bool refreshQueued;
    private bool canceling;
    private string? cancelMessage;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private JobStatusReader Reader { get; set; } = default!;

    [Inject]
    private JobNotifier Notifier { get; set; } = default!;

    [Inject]
    private JobCanceller Canceller { get; set; } = default!;

    [CascadingParameter]
    private Owner Owner { get; set; } = default!;

    private string Heading => status?.Settings.Kind switch
    {
        JobKind.Explore => "Your quick versions",
        JobKind.NetworkView => "What the network sees",
        _ => "Your picture",
    };

    /// <summary>What stands where the live picture will be, or would have been.</summary>
    private string NoFrameYet => status?.State switch
    {
        JobState.Queued => "The live picture appears a few steps after the job starts.",
        JobState.Running => "The first frame appears after a few steps.",
        JobState.Canceled => "It was canceled before its first picture.",
        _ => "It stopped before its first picture.",
    };

    protected override async Task OnInitializedAsync()
    {
        subscriptions.Add(Notifier.Subscribe(Id, _ => QueueRefresh()));
        subscriptions.Add(Notifier.SubscribeAll(e => { if (e is QueueChanged && status?.State == JobState.Queued) QueueRefresh(); }));
        await Refresh();
        loaded = true;
    }

    public void Dispose() => subscriptions.ForEach(s => s.Dispose());

    internal static string Duration(double seconds) => seconds switch
    {
        < 60 => $"{Math.Ceiling(seconds):0} s",
        < 3600 => $"{Math.Floor(seconds / 60):0} min {Math.Ceiling(seconds % 60):0} s",
        _ => $"{Math.Floor(seconds / 3600):0} h {Math.Ceiling(seconds % 3600 / 60):0} min",
    };

    private async Task Refresh()
    {
        status = await Reader.GetAsync(Id, Owner);
        points = status is null ? [] : await Reader.LossCurveAsync(Id);
        canceling &= status?.State is JobState.Queued or JobState.Running;
    }

    // Events come from the optimisation thread up to ten times a second: coalesce them into one refresh at a time.
    private void QueueRefresh()
    {
        lock (gate)
        {
            if (refreshQueued)
            {
                return;
            }

            refreshQueued = true;
        }

        _ = InvokeAsync(async () =>
        {
            await Task.Delay(RefreshInterval);
            lock (gate)
            {
                refreshQueued = false;
            }

            await Refresh();
            StateHasChanged();
        });
    }

    /// <summary>The button says "Canceling…" until the job has stopped; the page then says it was canceled.</summary>
    private async Task Cancel()
    {
        var outcome = await Canceller.CancelAsync(Id, Owner);
        canceling = outcome == CancelOutcome.Canceled;
        cancelMessage = outcome switch
        {
            CancelOutcome.Canceled => null,
            CancelOutcome.AlreadyFinished => "This job had already finished, so there was nothing to cancel.",
            _ => "Only the person who started this job, or an admin, can cancel it.",
        };
        await Refresh();
    }
}
