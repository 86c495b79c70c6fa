// Zhang, "Making Convolutional Networks Shift-Invariant Again" (ICML 2019): blur before subsampling, weights unchanged.
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.Engine.Backbones;

/// <summary>
/// The low-pass filter put in front of a network's stride-2 operations. A stride-2 layer keeps every other position,
/// so detail finer than two pixels folds back as a two-pixel pattern, and an optimiser that paints for such a layer
/// paints that pattern: the checkerboard ResNet18 leaves in flat areas. Blurred first, the layer sees nothing it
/// cannot sample, and the optimiser has no reason to paint it.
/// </summary>
public static class LowPass
{
    /// <summary>
    /// The 3 x 3 binomial filter ([1 2 1] / 4 along each axis) on every channel of <paramref name="x"/> (N x C x H x W),
    /// with the border reflected, so the output has the input's size and a flat picture stays flat. At the
    /// two-pixel period its response is 0.
    /// </summary>
    public static Tensor Binomial3(Tensor x)
    {
        using var scope = NewDisposeScope();
        var channels = x.shape[1];
        var kernel = tensor(new float[] { 1, 2, 1, 2, 4, 2, 1, 2, 1 }, dtype: x.dtype, device: x.device).div_(16).view(1, 1, 3, 3).expand(channels, 1, 3, 3);
        var padded = x.shape[2] > 1 && x.shape[3] > 1 ? pad(x, [1, 1, 1, 1], PaddingModes.Reflect) : pad(x, [1, 1, 1, 1], PaddingModes.Replicate);
        return conv2d(padded, kernel, groups: channels).MoveToOuterDisposeScope();
    }
}
