using NeuralStyle.Engine.Backbones;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>
/// Brings the optimised picture into 0..1 for showing and saving. L-BFGS runs unconstrained (clipping its iterates
/// breaks its curvature pairs), and where a painting is dark or bright it leaves pixels past 0..1: on the astronaut
/// styled by the Hubble field 14 % of the values ended below 0, down to -0.44. Clipped pixel by pixel, the fine pattern
/// the optimiser painted there came out rectified, and rectifying a four-pixel pattern makes a two-pixel one: a grid
/// the anti-aliased network had never seen (grid 0.10 before the clip, 0.26 after).
/// </summary>
internal static class PixelRange
{
    /// <summary>Passes of <see cref="Clip"/>; ten took that grid from 0.26 to 0.09, the picture's own before any clip.</summary>
    public const int Passes = 10;

    /// <summary>
    /// The picture within 0..1: <paramref name="pixels"/> less what lies outside the range, taken off through
    /// <see cref="LowPass.Binomial3"/> so that the part removed has no two-pixel component, <see cref="Passes"/> times,
    /// then clipped for what is left (a few thousandths on average).
    /// </summary>
    public static Tensor Clip(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var picture = pixels.detach();
        for (var pass = 0; pass < Passes; pass++)
        {
            picture = picture + LowPass.Binomial3(picture.clamp(0f, 1f) - picture);
        }

        return picture.clamp(0f, 1f).MoveToOuterDisposeScope();
    }
}
