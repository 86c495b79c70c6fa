using System.ComponentModel.DataAnnotations;

namespace NeuralStyle.Web.Pictures;

/// <summary>Configuration section <c>NeuralStyle:Uploads</c>: what a submitted picture may be.</summary>
public sealed class UploadOptions
{
    public const string Section = "NeuralStyle:Uploads";

    /// <summary>Largest accepted file, in bytes.</summary>
    [Range(1024, 200_000_000)]
    public long MaxBytes { get; set; } = 20_000_000;

    /// <summary>Largest accepted picture, in pixels (width times height), checked before decoding.</summary>
    [Range(1, 200_000_000)]
    public int MaxPixels { get; set; } = 40_000_000;

    /// <summary>How many style pictures one job may blend.</summary>
    [Range(1, 16)]
    public int MaxStylePictures { get; set; } = 4;
}
