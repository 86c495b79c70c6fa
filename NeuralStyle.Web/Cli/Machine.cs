using NeuralStyle.Engine.Runtime;

namespace NeuralStyle.Web.Cli;

/// <summary>The machine a benchmark ran on, as its results must say.</summary>
internal sealed record Machine(string Date, int Cores, string Cpu, string Memory, string LoadAverage, string Torch, string Os)
{
    public string Summary => $"{Date}: {Cores} cores, {Cpu}, {Memory} memory, load average {LoadAverage}; {Torch}; {Os}.";

    public static Machine Describe() => new(
        DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        Environment.ProcessorCount,
        ProcLine("/proc/cpuinfo", "model name") ?? "unknown CPU",
        ProcLine("/proc/meminfo", "MemTotal") is { } kb && long.TryParse(kb.Split(' ')[0], out var k) ? $"{k / 1048576.0:F1} GiB" : "unknown",
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown",
        $"libtorch on {TorchRuntime.Describe(TorchRuntime.SelectDevice("auto"))}",
        System.Runtime.InteropServices.RuntimeInformation.OSDescription);

    private static string? ProcLine(string path, string key) => File.Exists(path)
        ? File.ReadLines(path).Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':') + 1)..].Trim()).FirstOrDefault()
        : null;
}
