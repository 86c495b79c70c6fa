using System.ComponentModel.DataAnnotations;

namespace NeuralStyle.Web.Jobs;

/// <summary>Configuration section <c>NeuralStyle:Jobs</c>: how many jobs run at once and what a job may ask for.</summary>
public sealed class JobOptions
{
    public const string Section = "NeuralStyle:Jobs";

    /// <summary>Jobs running at the same time, each on its own thread; 0 only queues (useful for maintenance and tests).</summary>
    [Range(0, 16)]
    public int Concurrency { get; set; } = 1;

    /// <summary>Fewest milliseconds between two live preview frames of one job.</summary>
    [Range(0, 60_000)]
    public int PreviewIntervalMs { get; set; } = 500;

    /// <summary>Long side of live preview frames and gallery thumbnails, in pixels.</summary>
    [Range(32, 1024)]
    public int PreviewSize { get; set; } = 256;

    /// <summary>Most preview frames kept per job for its time-lapse animation; 0 makes none.</summary>
    [Range(0, 200)]
    public int TimeLapseFrames { get; set; } = 60;

    /// <summary>Largest output size (long side, pixels) a job may ask for.</summary>
    [Range(16, 8192)]
    public int MaxSize { get; set; } = 1024;

    /// <summary>Most iterations a job may ask for.</summary>
    [Range(1, 100_000)]
    public int MaxIterations { get; set; } = 2000;
}
