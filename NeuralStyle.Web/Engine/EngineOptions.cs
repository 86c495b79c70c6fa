using System.ComponentModel.DataAnnotations;

namespace NeuralStyle.Web.Engine;

/// <summary>Configuration section <c>NeuralStyle:Engine</c>: where and how the optimisation runs.</summary>
public sealed class EngineOptions
{
    public const string Section = "NeuralStyle:Engine";

    /// <summary><c>auto</c> (a GPU when there is one), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    [Required]
    [RegularExpression("^(auto|cpu|cuda(:[0-9]+)?)$", ErrorMessage = "Device must be auto, cpu, cuda or cuda:N.")]
    public string Device { get; set; } = "auto";

    /// <summary>
    /// Libtorch's threads for the CPU; 0 takes <see cref="DefaultThreads"/>. Libtorch's own choice, one per core,
    /// takes every core, and its OpenMP threads stall each other whenever one is preempted: on a busy 2-core
    /// machine jobs ran 13 times slower with two threads than with one (docs/PERFORMANCE.md, docs/RESILIENCE.md).
    /// </summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>One core less than the machine has, at least one: the last core answers pages and the API.</summary>
    public static int DefaultThreads => Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Where VGG19 weights are, if anyone put them on this server; without them only ResNet18 is offered.</summary>
    public string? Vgg19WeightsPath { get; set; }

    /// <summary>
    /// Memory one run may use, in bytes, against which sizes are checked before a job is queued. Unset reads the free
    /// main memory for the CPU, shared between the jobs that may run at once (<c>Jobs:Concurrency</c>); on CUDA set it
    /// to the GPU's memory over the concurrency (TorchSharp cannot read it), or sizes go unchecked.
    /// </summary>
    [Range(1L << 20, long.MaxValue)]
    public long? AvailableMemoryBytes { get; set; }

    /// <summary>Pictures to compute feature scales from for weights that have none stored; null takes wwwroot/samples.</summary>
    public string? CalibrationFolder { get; set; }
}
