using System.ComponentModel.DataAnnotations;

namespace NeuralStyle.Web.Data;

/// <summary>Configuration section <c>NeuralStyle:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "NeuralStyle:Storage";

    /// <summary>Folder for the database and pictures; relative paths are taken from the content root.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";
}
