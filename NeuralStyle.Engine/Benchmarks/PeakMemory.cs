using System.Diagnostics;

namespace NeuralStyle.Engine.Benchmarks;

/// <summary>
/// The process's peak resident memory over a stretch of work. On Linux the kernel's high-water mark (VmHWM) is reset
/// at the start (writing 5 to /proc/self/clear_refs), so each stretch reports its own peak; elsewhere, or where the
/// reset is refused, the working set is sampled every few milliseconds and short peaks between samples are missed.
/// </summary>
public sealed class PeakMemory : IDisposable
{
    private readonly bool kernelPeak = TryResetKernelPeak();
    private readonly Timer sampler;
    private long sampledPeak;

    /// <summary>Starts watching.</summary>
    public PeakMemory()
    {
        sampledPeak = CurrentWorkingSet();
        sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(5));
    }

    /// <summary>How the peak is measured: "VmHWM" or "sampled working set".</summary>
    public string Method => kernelPeak ? "VmHWM" : "sampled working set";

    /// <summary>The peak resident bytes since this object was made.</summary>
    public long PeakBytes
    {
        get
        {
            Sample();
            return kernelPeak && KernelPeak() is { } peak ? Math.Max(peak, Interlocked.Read(ref sampledPeak)) : Interlocked.Read(ref sampledPeak);
        }
    }

    private void Sample()
    {
        var now = CurrentWorkingSet();
        long seen;
        do
        {
            seen = Interlocked.Read(ref sampledPeak);
        }
        while (now > seen && Interlocked.CompareExchange(ref sampledPeak, now, seen) != seen);
    }

    private static long CurrentWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static bool TryResetKernelPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return KernelPeak() is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static long? KernelPeak()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
    }

    /// <inheritdoc />
    public void Dispose() => sampler.Dispose();
}
