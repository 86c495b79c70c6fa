using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Runtime;

/// <summary>Where tensors live and how many CPU threads libtorch uses.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Picks the device: "auto" takes CUDA when the CUDA build runs on a machine with an NVIDIA GPU, else the CPU;
    /// "cpu", "cuda" and "cuda:N" ask for one explicitly and fail with a readable message if it is not there.
    /// </summary>
    public static Device SelectDevice(string preference)
    {
        var wanted = (preference ?? "auto").Trim().ToLowerInvariant();
        if (wanted is "" or "auto")
        {
            return cuda.is_available() ? CUDA : CPU;
        }

        if (wanted == "cpu")
        {
            return CPU;
        }

        if (wanted.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
            {
                throw new InvalidOperationException(
                    $"Device '{preference}' was asked for, but no CUDA GPU is usable here (the CPU build of TorchSharp, or no NVIDIA driver). Use 'auto' or 'cpu'.");
            }

            var device = new Device(wanted);
            if (device.index >= cuda.device_count())
            {
                throw new InvalidOperationException($"Device '{preference}' does not exist: this machine has {cuda.device_count()} CUDA device(s).");
            }

            return device;
        }

        throw new InvalidOperationException($"Unknown device '{preference}': use auto, cpu, cuda or cuda:N.");
    }

    /// <summary>A short description of the device for people: "CPU (2 threads)" or "CUDA GPU 0".</summary>
    public static string Describe(Device device) =>
        device.type == DeviceType.CUDA ? $"CUDA GPU {Math.Max(0, (int)device.index)}" : $"CPU ({Threads(get_num_threads())})";

    /// <summary>"1 thread", "2 threads".</summary>
    public static string Threads(int count) => count == 1 ? "1 thread" : $"{count} threads";

    /// <summary>
    /// Sets libtorch's intra-op thread count; 0 or less keeps libtorch's default (one per core). On a shared server
    /// leave a core for the web server.
    /// </summary>
    public static void SetThreads(int threads)
    {
        if (threads > 0)
        {
            set_num_threads(threads);
        }
    }
}
