using NeuralStyle.Engine.Benchmarks;

namespace NeuralStyle.Tests.Engine.Benchmarks;

public sealed class PeakMemoryTests
{
    [Fact]
    public void PeakGrowsByWhatAnAllocationTouchedEvenAfterItIsFreed()
    {
        using var memory = new PeakMemory();
        var before = memory.PeakBytes;

        const int size = 256 * 1024 * 1024;
        var block = GC.AllocateUninitializedArray<byte>(size);
        Array.Fill(block, (byte)1);
        GC.KeepAlive(block);
        Thread.Sleep(20);
        block = null;
        GC.Collect();

        Assert.True(memory.PeakBytes - before > size * 0.8, $"peak {before} -> {memory.PeakBytes} ({memory.Method})");
    }
}
