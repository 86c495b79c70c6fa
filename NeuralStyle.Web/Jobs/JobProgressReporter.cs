using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// The engine's progress sink for one job. Runs on the optimisation thread, so it only copies numbers and pixels;
/// frames are encoded once, off that thread, at most one per <see cref="JobOptions.PreviewIntervalMs"/> (latest wins).
/// Every frame is offered to the job's time-lapse first, which keeps its own evenly spaced selection.
/// </summary>
public sealed class JobProgressReporter(LiveJob live, JobNotifier notifier, PictureCodec codec, JobOptions options, TimeLapseRecorder? timeLapse = null) : IStyleProgress
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);
    private readonly Lock gate = new();
    private DateTimeOffset lastProgress = DateTimeOffset.MinValue;
    private DateTimeOffset lastFrame = DateTimeOffset.MinValue;
    private PreviewFrame? pending;
    private bool encoderRunning;
    private Task encoding = Task.CompletedTask;

    public void Report(StepReport step)
    {
        live.Add(step);
        var now = DateTimeOffset.UtcNow;
        if (now - lastProgress < ProgressInterval && step.Iteration < step.Iterations)
        {
            return;
        }

        lastProgress = now;
        notifier.Publish(new JobProgressed(
            live.Id, step.Iteration, step.Iterations, step.ContentLoss, step.StyleLoss, step.TvLoss, step.TotalLoss,
            step.Elapsed.TotalSeconds, LiveJob.SecondsLeft(step)));
    }

    public void Preview(PreviewFrame frame)
    {
        timeLapse?.Offer(frame);
        var now = DateTimeOffset.UtcNow;
        var final = frame.Iteration >= live.Iterations;
        lock (gate)
        {
            if (!final && now - lastFrame < TimeSpan.FromMilliseconds(options.PreviewIntervalMs))
            {
                return;
            }

            lastFrame = now;
            // The engine may reuse its buffers once this call returns.
            var copy = new PreviewFrame(frame.Iteration, new RgbImage(frame.Image.Width, frame.Image.Height, (byte[])frame.Image.Pixels.Clone()));
            pending = copy;
            if (!encoderRunning)
            {
                encoderRunning = true;
                encoding = Task.Run(EncodePending);
            }
        }
    }

    /// <summary>Waits for the last frame to be encoded, so a finished job's final frame is never lost.</summary>
    public Task Flush()
    {
        lock (gate)
        {
            return encoding;
        }
    }

    private void EncodePending()
    {
        while (true)
        {
            PreviewFrame? frame;
            lock (gate)
            {
                frame = pending;
                pending = null;
                if (frame is null)
                {
                    encoderRunning = false;
                    return;
                }
            }

            try
            {
                live.Frame = new PreviewJpeg(frame.Iteration, codec.Thumbnail(frame.Image, options.PreviewSize));
            }
            catch (Exception)
            {
                lock (gate)
                {
                    encoderRunning = false;
                }

                throw;
            }

            notifier.Publish(new JobFrameReady(live.Id, frame.Iteration, JobUrls.Preview(live.Id, frame.Iteration)));
        }
    }
}
