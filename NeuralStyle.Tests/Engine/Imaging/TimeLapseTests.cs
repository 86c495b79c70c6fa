using NeuralStyle.Engine.Imaging;
using NeuralStyle.Tests.Support;

namespace NeuralStyle.Tests.Engine.Imaging;

public sealed class TimeLapseTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(120);
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(2);

    [Fact]
    public void AnimationHasEveryFrameInTheGivenOrderAndHoldsTheLastLonger()
    {
        var frames = Enumerable.Range(0, 6).Select(i => Solid(40, 30, (byte)(i * 40))).ToList();

        var decoded = GifFrames.Read(TimeLapse.EncodeGif(frames, 64, Delay, Hold));

        Assert.Equal(6, decoded.Count);
        var brightness = decoded.Select(f => f.Image.Pixels.Average(b => (double)b)).ToList();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(i * 40, brightness[i], 1.0);
        }

        Assert.All(decoded.Take(5), f => Assert.Equal(12, f.DelayCentiseconds));
        Assert.Equal(200, decoded[^1].DelayCentiseconds);
    }

    [Fact]
    public void FirstFrameIsTheNoiseTheRunStartedFromAndLastIsTheResult()
    {
        var random = new Random(7);
        var noise = new RgbImage(48, 32, Enumerable.Range(0, 48 * 32 * 3).Select(_ => (byte)random.Next(256)).ToArray());
        var result = Gradient(48, 32);
        var middle = Blend(noise, result);

        var decoded = GifFrames.Read(TimeLapse.EncodeGif([noise, middle, result], 64, Delay, Hold));

        Assert.True(GifFrames.Roughness(decoded[0].Image) > 40, "the first frame should still be noise");
        Assert.True(GifFrames.Roughness(decoded[^1].Image) < 10, "the last frame should be the smooth result");
        // 256 colours per frame: close to the result, not bit for bit.
        Assert.True(GifFrames.Difference(decoded[^1].Image, result) < 4, $"last frame differs from the result by {GifFrames.Difference(decoded[^1].Image, result):0.0}");
    }

    [Fact]
    public void FramesOfSmallerCoarseStagesAreScaledToTheResultsSizeWithinTheLongSide()
    {
        RgbImage[] frames = [Solid(20, 10, 10), Solid(80, 40, 200)];

        var decoded = GifFrames.Read(TimeLapse.EncodeGif(frames, 64, Delay, Hold));

        Assert.All(decoded, f => Assert.Equal((64, 32), (f.Image.Width, f.Image.Height)));
    }

    [Fact]
    public void AnAnimationWithoutFramesIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => TimeLapse.EncodeGif([], 64, Delay, Hold));

        Assert.Contains("1 to 240 frames", error.Message);
    }

    [Fact]
    public void SamplerKeepsABoundedEvenlySpacedSetOverALongRun()
    {
        var sampler = new TimeLapseSampler(60);
        var onDisk = new HashSet<int>();

        for (var iteration = 1; iteration <= 10_000; iteration++)
        {
            var (keep, dropped) = sampler.Offer(iteration);
            if (keep)
            {
                onDisk.Add(iteration);
            }

            foreach (var gone in dropped)
            {
                Assert.True(onDisk.Remove(gone), $"dropped {gone}, which was not kept");
            }

            Assert.True(onDisk.Count <= 60, $"{onDisk.Count} frames on disk at iteration {iteration}");
        }

        var kept = sampler.Kept;
        Assert.Equal(onDisk.Order(), kept);
        Assert.InRange(kept.Count, 30, 60);
        Assert.Equal(1, kept[0]);
        var gaps = kept.Zip(kept.Skip(1), (a, b) => b - a).Distinct().ToList();
        Assert.Single(gaps);
        Assert.True(kept[^1] > 10_000 - gaps[0], "the kept frames should reach the end of the run");
    }

    [Fact]
    public void SamplerKeepsEveryFrameOfAShortRun()
    {
        var sampler = new TimeLapseSampler(60);

        var kept = Enumerable.Range(1, 40).Count(i => sampler.Offer(i).Keep);

        Assert.Equal(40, kept);
        Assert.Equal(Enumerable.Range(1, 40), sampler.Kept);
    }

    private static RgbImage Solid(int width, int height, byte value) => new(width, height, Enumerable.Repeat(value, width * height * 3).ToArray());

    private static RgbImage Gradient(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = ((byte)(x * 255 / width), (byte)(y * 255 / height), 128);
            }
        }

        return new RgbImage(width, height, pixels);
    }

    private static RgbImage Blend(RgbImage a, RgbImage b) => new(a.Width, a.Height, a.Pixels.Select((p, i) => (byte)((p + b.Pixels[i]) / 2)).ToArray());
}
