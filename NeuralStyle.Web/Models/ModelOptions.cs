using System.ComponentModel.DataAnnotations;

namespace NeuralStyle.Web.Models;

/// <summary>Configuration section <c>NeuralStyle:Models</c>: where downloaded weights go and where they come from.</summary>
public sealed class ModelOptions
{
    public const string Section = "NeuralStyle:Models";

    /// <summary>The models folder; relative paths are inside the data folder. Default: <c>models</c> there.</summary>
    public string Folder { get; set; } = "models";

    /// <summary>
    /// Addresses that replace a catalogue model's public one, by model name (a mirror on a lab network, or a test's own
    /// server); the published checksum is still checked.
    /// </summary>
    public Dictionary<string, string> Sources { get; set; } = [];

    /// <summary>How long a server may send nothing before a download counts as stalled.</summary>
    [Range(1, 3600)]
    public int ReadTimeoutSeconds { get; set; } = 60;
}
