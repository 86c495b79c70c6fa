using System.Runtime.InteropServices;
using NeuralStyle.Engine.Benchmarks;

namespace NeuralStyle.Tests.Engine.Benchmarks;

public sealed class PeakMemoryTests
{
    [Fact]
    public void PeakGrowsByWhatAnAllocationTouchedEvenAfterItIsFreed()
    {
        using var memory = new PeakMemory();
        var before = memory.PeakBytes;

        // Native memory of this size is a fresh mapping, so every page touched is new: a managed array could reuse
        // heap pages that earlier tests in this process left resident, and the peak would rightly not move.
        const int size = 256 * 1024 * 1024;
        var chunk = Enumerable.Repeat((byte)1, 1024 * 1024).ToArray();
        var block = Marshal.AllocHGlobal(size);
        for (var offset = 0; offset < size; offset += chunk.Length)
        {
            Marshal.Copy(chunk, 0, block + offset, chunk.Length);
        }

        Thread.Sleep(20);
        Marshal.FreeHGlobal(block);

        Assert.True(memory.PeakBytes - before > size * 0.8, $"peak {before} -> {memory.PeakBytes} ({memory.Method})");
    }
}
