using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Engine.Imaging;

/// <summary>Lossless copies between <see cref="RgbImage"/> and ImageSharp's <see cref="Image{Rgb24}"/> (same byte layout).</summary>
internal static class ImageSharpConversion
{
    public static Image<Rgb24> ToImageSharp(this RgbImage image) =>
        Image.LoadPixelData<Rgb24>(ImageSharpSetup.Configuration, image.Pixels, image.Width, image.Height);

    public static RgbImage ToRgbImage(this Image<Rgb24> image)
    {
        var pixels = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(MemoryMarshal.Cast<byte, Rgb24>(pixels.AsSpan()));
        return new RgbImage(image.Width, image.Height, pixels);
    }
}
