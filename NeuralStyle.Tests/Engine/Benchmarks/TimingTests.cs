using NeuralStyle.Engine.Benchmarks;

namespace NeuralStyle.Tests.Engine.Benchmarks;

public sealed class TimingTests
{
    [Fact]
    public void MedianOfAnOddCountIsTheMiddleSample()
    {
        var timing = Timing.Of([9, 1, 5, 7, 3]);

        Assert.Equal((5.0, 1.0, 9.0), (timing.MedianMs, timing.MinMs, timing.MaxMs));
        Assert.Equal([9.0, 1, 5, 7, 3], timing.Samples);
    }

    [Fact]
    public void MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo()
    {
        Assert.Equal(4.5, Timing.Of([8, 1, 4, 5]).MedianMs);
    }
}
