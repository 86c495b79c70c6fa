namespace NeuralStyle.Engine.Imaging;

/// <summary>What a picture's header says about it, read without decoding the pixels.</summary>
/// <param name="Width">Width in pixels once the picture is turned upright as its EXIF orientation says.</param>
/// <param name="Height">Height in pixels once the picture is turned upright as its EXIF orientation says.</param>
/// <param name="Format">The format found from the file's content: "JPEG", "PNG", "WEBP", "BMP" or "GIF".</param>
public sealed record ImageInfo(int Width, int Height, string Format)
{
    public long Pixels => (long)Width * Height;
}
