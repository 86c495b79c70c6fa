namespace NeuralStyle.Engine.Imaging;

/// <summary>
/// What the loader accepts before it spends memory or time on a picture. Crafted images have hurt older
/// ImageSharp 2.1.x releases, so these checks run in front of every decode.
/// </summary>
public sealed record ImageLimits
{
    /// <summary>The limits the application uses unless configured otherwise.</summary>
    public static ImageLimits Default { get; } = new();

    /// <summary>
    /// Largest file accepted, in bytes (20 MB), at most <see cref="Array.MaxLength"/> because the file is held in
    /// memory. Checked while reading, so a huge upload is cut off early.
    /// </summary>
    public long MaxBytes
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Array.MaxLength);
            field = value;
        }
    } = 20 * 1024 * 1024;

    /// <summary>Largest picture accepted, in pixels (40 megapixels), taken from the file header before decoding.</summary>
    public long MaxPixels
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 40_000_000;

    /// <summary>
    /// Longest a decode may run before the picture is refused. ImageSharp 2.1 checks this only in its JPEG decoder,
    /// the one whose work can grow far beyond the file size (progressive scans); the other decoders' work is bounded
    /// by <see cref="MaxBytes"/> and <see cref="MaxPixels"/>.
    /// </summary>
    public TimeSpan MaxDecodeTime
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromSeconds(10);
}
