using System.Diagnostics;
using Microsoft.Extensions.Options;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Engine;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// Owns every run, independent of any browser: re-queues what a restart interrupted, then keeps
/// <see cref="JobOptions.Concurrency"/> dedicated threads taking jobs from the queue. Each thread opens one engine
/// session, so a backbone is loaded once per thread and reused across jobs.
/// </summary>
public sealed class JobWorker(
    JobQueue queue,
    JobStore store,
    PictureStore pictures,
    PictureCodec codec,
    IStyleEngine engine,
    LiveJobs live,
    RunningJobs running,
    JobNotifier notifier,
    IOptions<JobOptions> options,
    ILogger<JobWorker> logger) : BackgroundService
{
    public const string CouldNotSave = "Could not save the result: the data folder is read-only or full.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var job in await store.RecoverAsync(stoppingToken))
        {
            queue.Enqueue(job.Id, job.OwnerId);
        }

        var threads = Enumerable.Range(0, options.Value.Concurrency).Select(index =>
        {
            var done = new TaskCompletionSource();
            var thread = new Thread(() =>
            {
                try
                {
                    Work(stoppingToken);
                }
                finally
                {
                    done.SetResult();
                }
            })
            {
                Name = $"style-worker-{index}",
                IsBackground = true,
            };
            thread.Start();
            return done.Task;
        }).ToList();
        await Task.WhenAll(threads);
    }

    private void Work(CancellationToken stopping)
    {
        using var session = engine.OpenSession();
        while (!stopping.IsCancellationRequested)
        {
            Guid jobId;
            try
            {
                jobId = queue.Take(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                Run(session, jobId, stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Job {JobId} broke the worker loop", jobId);
                FailAfterBreak(jobId);
            }
        }
    }

    private void Run(IStyleSession session, Guid jobId, CancellationToken stopping)
    {
        // One description of the device for the started event, the live job and the stored record, whatever the run reports.
        var device = engine.DeviceName;
        var job = store.MarkRunning(jobId, device);
        if (job is null)
        {
            return;
        }

        var jobSettings = JobStore.SettingsOf(job);
        var settings = jobSettings.ToStyleSettings();
        var liveJob = live.Start(jobId, job.Iterations, device);
        var timeLapse = options.Value.TimeLapseFrames > 0 && jobSettings.Kind == JobKind.Paint
            ? new TimeLapseRecorder(jobId, pictures, codec, options.Value.TimeLapseFrames, options.Value.PreviewSize)
            : null;
        var reporter = new JobProgressReporter(liveJob, notifier, codec, options.Value, timeLapse);

        var cancel = running.Register(jobId, stopping);
        notifier.Publish(new JobStarted(jobId, device));
        notifier.Publish(new QueueChanged());
        try
        {
            var content = Load(jobId, PictureKind.Content, 0);
            var styles = Enumerable.Range(0, job.StyleCount).Select(i => Load(jobId, PictureKind.Style, i)).ToList();
            var (made, cover) = jobSettings.Kind == JobKind.Paint
                ? Painted(session.Run(content, styles, settings, reporter, cancel.Token))
                : RunSketches(session, jobId, JobSketches.Plan(jobSettings), content, styles, reporter, cancel.Token);
            var result = made with { Device = device };
            SaveResult(jobId, settings, result, cover);
            if (timeLapse?.Build(result.Image, result.Steps.Count > 0 ? result.Steps[^1].Iteration : settings.Iterations) == false)
            {
                logger.LogWarning("Job {JobId}: its time-lapse could not be made; the result is kept without one", jobId);
            }

            reporter.Flush().Wait(TimeSpan.FromSeconds(10));
            store.MarkSucceeded(jobId, result);
            Finish(jobId, JobState.Succeeded, null);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            store.MarkEnded(jobId, JobState.Queued, "The server stopped while this job was running, so it starts again from the beginning.");
        }
        catch (OperationCanceledException)
        {
            Finish(jobId, JobState.Canceled, null);
        }
        catch (Exception e) when (e is StyleTransferException or ImageRejectedException)
        {
            Finish(jobId, JobState.Failed, e.Message);
        }
        finally
        {
            timeLapse?.Discard();
            running.Unregister(jobId);
            live.End(jobId);
        }
    }

    private void Finish(Guid jobId, JobState state, string? error)
    {
        if (state != JobState.Succeeded)
        {
            store.MarkEnded(jobId, state, error);
        }

        // Gone from the live list before anyone hears of the end, so a page that refreshes sees the stored outcome.
        running.Unregister(jobId);
        live.End(jobId);
        notifier.Publish(new JobFinished(jobId, state, error));
        notifier.Publish(new QueueChanged());
    }

    private static (StyleResult Result, RgbImage Cover) Painted(StyleResult result) => (result, result.Image);

    /// <summary>
    /// An explore grid or network view: its sketches batched through the network where they allow it, each saved and
    /// announced as soon as its batch is done (so the page shows them as they appear), then all of them side by side as
    /// the job's result, and in a square grid as the picture its thumbnail is made from. After a restart the sketches
    /// already saved are kept, not run again.
    /// </summary>
    private (StyleResult Result, RgbImage Cover) RunSketches(
        IStyleSession session, Guid jobId, IReadOnlyList<Sketch> sketches, RgbImage content, IReadOnlyList<RgbImage> styles, IStyleProgress reporter, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var saved = sketches.Where(s => pictures.Exists(jobId, PictureKind.Sketch, s.Index)).ToArray();
        var made = saved.ToDictionary(s => s.Index, s => Load(jobId, PictureKind.Sketch, s.Index));
        var pending = sketches.Except(saved).ToArray();
        var progress = new StepRecorder(new SketchProgress(reporter, saved.Sum(s => s.Settings.Iterations), sketches.Sum(s => s.Settings.Iterations), TimeSpan.Zero));
        if (pending.Length > 0)
        {
            session.RunSketches(content, styles, pending, progress, (sketch, result) =>
            {
                Save(jobId, PictureKind.Sketch, sketch.Index, codec.Png(result.Image));
                made[sketch.Index] = result.Image;
                notifier.Publish(new JobSketchReady(jobId, sketch.Index, JobUrls.Sketch(jobId, sketch.Index)));
            }, cancel);
        }

        var inOrder = sketches.Select(s => made[s.Index]).ToArray();
        return (new StyleResult(SketchRun.ContactSheet(inOrder), progress.Steps, clock.Elapsed, engine.DeviceName), PictureGrid.Square(inOrder));
    }

    /// <summary>Passes progress on and keeps the steps as the job's own record sees them.</summary>
    private sealed class StepRecorder(SketchProgress job) : IStyleProgress
    {
        public List<StepReport> Steps { get; } = [];

        public void Report(StepReport step)
        {
            Steps.Add(job.Shift(step));
            job.Report(step);
        }

        public void Preview(PreviewFrame frame) => job.Preview(frame);
    }

    private void Save(Guid jobId, PictureKind kind, int index, byte[] bytes)
    {
        try
        {
            pictures.Save(jobId, kind, index, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Job {JobId}: a picture could not be written to the data folder", jobId);
            throw new StyleTransferException(CouldNotSave, e);
        }
    }

    /// <summary>
    /// The result and the thumbnail made from <paramref name="cover"/>, before the database says the job succeeded (so its
    /// row never points at nothing).
    /// </summary>
    private void SaveResult(Guid jobId, StyleSettings settings, StyleResult result, RgbImage cover)
    {
        Save(jobId, PictureKind.Result, 0, codec.Png(result.Image, Provenance(jobId, settings, result)));
        Save(jobId, PictureKind.Thumbnail, 0, codec.Thumbnail(cover, options.Value.PreviewSize));
    }

    /// <summary>Records the failure if the database still takes writes; either way the thread lives on for the next job.</summary>
    private void FailAfterBreak(Guid jobId)
    {
        const string error = "Something went wrong on the server while running this job.";
        try
        {
            store.MarkEnded(jobId, JobState.Failed, error);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId}: its failure could not be recorded; the restart recovery will run it again", jobId);
        }

        running.Unregister(jobId);
        live.End(jobId);
        notifier.Publish(new JobFinished(jobId, JobState.Failed, error));
        notifier.Publish(new QueueChanged());
    }

    private RgbImage Load(Guid jobId, PictureKind kind, int index)
    {
        using var stream = pictures.Open(jobId, kind, index)
            ?? throw new StyleTransferException("A picture of this job is missing from the server's storage.");
        return codec.Decode(stream);
    }

    private Dictionary<string, string> Provenance(Guid jobId, StyleSettings settings, StyleResult result) => new(engine.Recipe(settings))
    {
        ["Software"] = "NeuralStyle",
        ["Comment"] = $"Neural style transfer (Gatys, Ecker and Bethge 2016), job {jobId}, on {result.Device}",
    };
}
