using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// Keeps a bounded, evenly spaced set of one job's preview frames as small JPEGs in its picture folder, and turns them
/// into the time-lapse animation when the job succeeds. <see cref="Offer"/> runs on the optimisation thread, so it only
/// copies the pixels of frames it keeps; encoding and file writes happen one after another on the thread pool.
/// </summary>
public sealed class TimeLapseRecorder
{
    /// <summary>How long each frame of the animation shows.</summary>
    public static readonly TimeSpan FrameDelay = TimeSpan.FromMilliseconds(120);

    /// <summary>How long the finished picture stays before the animation starts over.</summary>
    public static readonly TimeSpan FinalHold = TimeSpan.FromSeconds(2.5);

    private readonly Guid jobId;
    private readonly PictureStore pictures;
    private readonly PictureCodec codec;
    private readonly int size;
    private readonly TimeLapseSampler sampler;
    private readonly Lock gate = new();
    private Task writes = Task.CompletedTask;

    /// <param name="maxFrames">The most frames kept on disk at any time (the finished picture comes on top).</param>
    /// <param name="size">Long side of the frames and of the animation, in pixels.</param>
    public TimeLapseRecorder(Guid jobId, PictureStore pictures, PictureCodec codec, int maxFrames, int size)
    {
        this.jobId = jobId;
        this.pictures = pictures;
        this.codec = codec;
        this.size = size;
        sampler = new TimeLapseSampler(maxFrames);
        // A run restarted after a server stop begins again: frames of the interrupted try would be out of place.
        foreach (var stale in pictures.Indexes(jobId, PictureKind.TimeLapseFrame))
        {
            pictures.Delete(jobId, PictureKind.TimeLapseFrame, stale);
        }
    }

    /// <summary>The iterations whose frames are kept now, in order.</summary>
    public IReadOnlyList<int> KeptIterations
    {
        get
        {
            lock (gate)
            {
                return sampler.Kept;
            }
        }
    }

    public void Offer(PreviewFrame frame)
    {
        lock (gate)
        {
            var (keep, dropped) = sampler.Offer(frame.Iteration);
            if (!keep && dropped.Count == 0)
            {
                return;
            }

            // The engine may reuse its buffers once this call returns.
            var copy = keep ? new RgbImage(frame.Image.Width, frame.Image.Height, (byte[])frame.Image.Pixels.Clone()) : null;
            writes = writes.ContinueWith(
                _ =>
                {
                    if (copy is not null)
                    {
                        pictures.Save(jobId, PictureKind.TimeLapseFrame, frame.Iteration, codec.Thumbnail(copy, size, quality: 90));
                    }

                    foreach (var iteration in dropped)
                    {
                        pictures.Delete(jobId, PictureKind.TimeLapseFrame, iteration);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Writes the animation (the kept frames in order, then <paramref name="result"/>, held longer) and removes the
    /// frames. <paramref name="iterations"/> is the run's last iteration, whose preview is the result itself. Returns false, leaving the job without a time-lapse, when there was nothing to animate or a frame could
    /// not be written or read.
    /// </summary>
    public bool Build(RgbImage result, int iterations)
    {
        Task pending;
        IReadOnlyList<int> kept;
        lock (gate)
        {
            pending = writes;
            kept = sampler.Kept;
        }

        try
        {
            pending.Wait();
            // The engine's final preview is the result itself: shown once, at full quality, as the held last frame.
            var frames = kept.Where(i => i != iterations).Select(Read).OfType<RgbImage>().ToList();
            if (frames.Count == 0)
            {
                return false;
            }

            frames.Add(result);
            pictures.Save(jobId, PictureKind.TimeLapse, 0, TimeLapse.EncodeGif(frames.TakeLast(TimeLapse.MaxFrames).ToList(), size, FrameDelay, FinalHold));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AggregateException or ImageRejectedException)
        {
            return false;
        }
        finally
        {
            Discard(kept);
        }
    }

    /// <summary>Removes the kept frames, for a run that did not succeed.</summary>
    public void Discard()
    {
        IReadOnlyList<int> kept;
        Task pending;
        lock (gate)
        {
            pending = writes;
            kept = sampler.Kept;
        }

        try
        {
            pending.Wait();
        }
        catch (AggregateException)
        {
            // A frame that failed to write is one fewer to remove.
        }

        Discard(kept);
    }

    private void Discard(IReadOnlyList<int> kept)
    {
        foreach (var iteration in kept)
        {
            try
            {
                pictures.Delete(jobId, PictureKind.TimeLapseFrame, iteration);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Removed with the job's folder later.
            }
        }
    }

    private RgbImage? Read(int iteration)
    {
        using var stream = pictures.Open(jobId, PictureKind.TimeLapseFrame, iteration);
        return stream is null ? null : codec.Decode(stream);
    }
}
