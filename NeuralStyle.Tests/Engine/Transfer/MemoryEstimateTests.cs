using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Benchmarks;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Tests.Support;
using Xunit.Abstractions;

namespace NeuralStyle.Tests.Engine.Transfer;

public sealed class MemoryEstimateTests(ITestOutputHelper output)
{
    [Fact]
    public void ProfileSumsTheActivationsOfEveryLayerUpToTheDeepestUsed()
    {
        using var tiny = new TinyBackbone();

        var profile = MemoryEstimate.Measure(tiny);

        // relu1: 16 channels at full size, relu2: 32 at a quarter of the pixels, relu3: 32 at a sixteenth; 4 bytes each.
        Assert.Equal((16 + (32 / 4.0) + (32 / 16.0)) * 4, profile.ActivationBytesPerPixel, 6);
        Assert.Equal(16 * 4, profile.LargestLayerBytesPerPixel, 6);
    }

    [Fact]
    public void EstimateGrowsWithTheSquareOfTheSize()
    {
        var profile = new MemoryProfile("test", 6000, 1024);
        long Variable(int size) => MemoryEstimate.RunBytes(profile, new StyleSettings { Size = size }, 4 / 3.0, 1) - MemoryEstimate.FixedBytes;

        Assert.Equal(4.0, (double)Variable(1024) / Variable(512), 2);
        Assert.Equal(4.0, (double)Variable(512) / Variable(256), 1);
    }

    [Fact]
    public void EachCurvaturePairAddsTwoPicturesOfFloats()
    {
        var profile = new MemoryProfile("test", 6000, 1024);
        long Estimate(int pairs) => MemoryEstimate.RunBytes(profile, new StyleSettings { Size = 512, LbfgsHistory = pairs }, 1, 1);

        Assert.Equal(10 * 2 * 512 * 512 * 3 * sizeof(float), Estimate(20) - Estimate(10));
    }

    [Fact]
    public void LargestSizeIsTheBiggestWhoseEstimateFits()
    {
        var profile = new MemoryProfile("test", 6000, 1024);
        var settings = new StyleSettings();
        var available = MemoryEstimate.RunBytes(profile, settings with { Size = 700 }, 1.5, 2);

        var largest = MemoryEstimate.LargestSize(profile, settings, 1.5, 2, available, 4096);

        Assert.Equal(700, largest);
        Assert.Equal(0, MemoryEstimate.LargestSize(profile, settings, 1.5, 2, MemoryEstimate.FixedBytes / 2, 4096));
        Assert.Equal(4096, MemoryEstimate.LargestSize(profile, settings, 1.5, 2, long.MaxValue, 4096));
    }

    [Fact]
    public void ResNet18EstimateIsNotBelowARealRunsMeasuredPeak()
    {
        using var backbone = ResNet18Backbone.LoadEmbedded();
        var profile = MemoryEstimate.Measure(backbone);
        var content = Noise(320, 240, 1);
        var style = Noise(96, 96, 2);
        foreach (var size in new[] { 96, 320 })
        {
            var settings = new StyleSettings { Size = size, Iterations = 4, Seed = 3, PreviewEvery = 0 };
            var estimate = MemoryEstimate.RunBytes(profile, settings, 320 / 240.0, 1);
            GC.Collect();
            using var memory = new PeakMemory();
            var before = memory.PeakBytes;

            StyleTransfer.Run(backbone, content, [style], settings, new RecordingProgress(), CancellationToken.None);

            var measured = memory.PeakBytes - before;
            output.WriteLine($"{size} px: estimated {estimate / 1048576.0:F0} MiB, measured {measured / 1048576.0:F0} MiB ({memory.Method}); profile {profile}");
            Assert.True(estimate >= measured, $"{size} px: estimated {estimate / 1048576.0:F0} MiB, but the run's peak grew by {measured / 1048576.0:F0} MiB");
        }
    }

    private static RgbImage Noise(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }
}
