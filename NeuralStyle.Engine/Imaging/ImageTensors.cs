using static TorchSharp.torch;

namespace NeuralStyle.Engine.Imaging;

/// <summary>Converts between 8-bit RGB pictures and 1 x 3 x H x W float tensors holding RGB in 0..1.</summary>
public static class ImageTensors
{
    /// <summary>The picture as a 1 x 3 x H x W float32 tensor in 0..1 on <paramref name="device"/>.</summary>
    public static Tensor ToTensor(RgbImage image, Device device)
    {
        using var scope = NewDisposeScope();
        var hwc = tensor(image.Pixels, [image.Height, image.Width, 3], dtype: ScalarType.Byte);
        var chw = hwc.permute(2, 0, 1).unsqueeze(0).to(ScalarType.Float32).div_(255f);
        return chw.to(device).MoveToOuterDisposeScope();
    }

    /// <summary>A 1 x 3 x H x W (or 3 x H x W) tensor in 0..1 as a picture; values outside are clipped.</summary>
    public static RgbImage ToImage(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        var chw = rgb.dim() == 4 ? rgb[0] : rgb;
        if (chw.dim() != 3 || chw.shape[0] != 3)
        {
            throw new ArgumentException($"Expected a 3 x H x W or 1 x 3 x H x W tensor, got [{string.Join(", ", rgb.shape)}].", nameof(rgb));
        }

        var bytes = chw.detach().to(CPU).clamp(0f, 1f).mul(255f).round().to(ScalarType.Byte).permute(1, 2, 0).contiguous();
        var pixels = bytes.data<byte>().ToArray();
        return new RgbImage((int)chw.shape[2], (int)chw.shape[1], pixels);
    }

    /// <summary>
    /// Resizes a 1 x 3 x H x W picture so that its long side is <paramref name="longSide"/> pixels, keeping the
    /// aspect ratio (each side at least 1 pixel). Antialiased when shrinking, so small outputs keep the texture's
    /// average colours rather than aliasing.
    /// </summary>
    public static Tensor FitLongSide(Tensor rgb, int longSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(longSide, 1);
        var (height, width) = FittedSize(rgb.shape[2], rgb.shape[3], longSide);
        return Resize(rgb, height, width);
    }

    /// <summary>The height and width <see cref="FitLongSide"/> gives a <paramref name="height"/> x <paramref name="width"/> picture.</summary>
    public static (long Height, long Width) FittedSize(long height, long width, int longSide)
    {
        var scale = (double)longSide / Math.Max(height, width);
        return (Math.Max(1, (long)Math.Round(height * scale)), Math.Max(1, (long)Math.Round(width * scale)));
    }

    /// <summary>Resizes a 1 x 3 x H x W picture to exactly <paramref name="height"/> x <paramref name="width"/>.</summary>
    public static Tensor Resize(Tensor rgb, long height, long width)
    {
        using var scope = NewDisposeScope();
        if (rgb.shape[2] == height && rgb.shape[3] == width)
        {
            return rgb.clone().MoveToOuterDisposeScope();
        }

        var shrinking = height < rgb.shape[2] || width < rgb.shape[3];
        var resized = nn.functional.interpolate(
            rgb, [height, width], mode: InterpolationMode.Bicubic, align_corners: false, antialias: shrinking);
        return resized.clamp(0f, 1f).MoveToOuterDisposeScope();
    }
}
