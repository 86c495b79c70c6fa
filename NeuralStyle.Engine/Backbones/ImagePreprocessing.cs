using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones;

/// <summary>
/// The input convention a network was trained with: channel order, value range and per-channel mean and std.
/// Callers always hold RGB in 0..1; <see cref="Apply"/> converts to what the network expects.
/// </summary>
/// <param name="Bgr">Whether the network reads channels as B, G, R (Caffe and CNTK exports).</param>
/// <param name="Range">255 for networks trained on 0..255 pixels, 1 for 0..1.</param>
/// <param name="Mean">Per-channel mean in the network's channel order and range.</param>
/// <param name="Std">Per-channel standard deviation in the network's channel order and range.</param>
public sealed record ImagePreprocessing(bool Bgr, float Range, float[] Mean, float[] Std)
{
    /// <summary>torchvision's ImageNet convention: RGB 0..1, mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).</summary>
    public static ImagePreprocessing TorchVision { get; } =
        new(false, 1f, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>Caffe's VGG convention (also the paper authors' vgg_conv.pth): BGR 0..255 minus the ImageNet mean.</summary>
    public static ImagePreprocessing Caffe { get; } =
        new(true, 255f, [103.939f, 116.779f, 123.68f], [1f, 1f, 1f]);

    /// <summary>Converts N x 3 x H x W RGB in 0..1 to the network's input.</summary>
    public Tensor Apply(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        var x = Bgr ? rgb.flip(1) : rgb;
        var mean = tensor(Mean, dtype: rgb.dtype, device: rgb.device).view(1, 3, 1, 1);
        var std = tensor(Std, dtype: rgb.dtype, device: rgb.device).view(1, 3, 1, 1);
        return ((x * Range - mean) / std).MoveToOuterDisposeScope();
    }
}
