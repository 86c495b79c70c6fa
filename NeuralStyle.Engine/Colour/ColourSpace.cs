// YIQ colour space as used by Gatys, Ecker, Bethge, Hertzmann and Shechtman, "Controlling Perceptual Factors in Neural Style Transfer", CVPR 2017, section 5.
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Colour;

/// <summary>
/// Converts 1 x 3 x H x W RGB pictures (0..1) to and from YIQ, the colour space the 2017 paper uses to separate
/// luminance (Y) from colour (I, Q) for luminance-only transfer (section 5.1).
/// </summary>
public static class ColourSpace
{
    // FCC NTSC coefficients. The I and Q rows sum to zero, so a grey pixel has no chroma.
    private static readonly double[] RgbToYiqMatrix =
    [
        0.299, 0.587, 0.114,
        0.5959, -0.2746, -0.3213,
        0.2115, -0.5227, 0.3112,
    ];

    // Inverted in double precision rather than taken from a rounded table, so the two conversions undo each other.
    private static readonly double[] YiqToRgbMatrix = Invert3x3(RgbToYiqMatrix);

    /// <summary>
    /// RGB to YIQ (section 5.1): channel 0 is the luminance Y in 0..1, channels 1 and 2 the chroma I and Q
    /// (about -0.6..0.6 and -0.53..0.53).
    /// </summary>
    /// <param name="rgb">N x 3 x H x W RGB in 0..1.</param>
    /// <returns>N x 3 x H x W YIQ.</returns>
    public static Tensor RgbToYiq(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        RequireThreeChannels(rgb, nameof(rgb));
        return Mix(RgbToYiqMatrix, rgb).MoveToOuterDisposeScope();
    }

    /// <summary>YIQ to RGB, the exact inverse of <see cref="RgbToYiq"/> (section 5.1). Values are not clamped.</summary>
    /// <param name="yiq">N x 3 x H x W YIQ.</param>
    /// <returns>N x 3 x H x W RGB.</returns>
    public static Tensor YiqToRgb(Tensor yiq)
    {
        using var scope = NewDisposeScope();
        RequireThreeChannels(yiq, nameof(yiq));
        return Mix(YiqToRgbMatrix, yiq).MoveToOuterDisposeScope();
    }

    /// <summary>The luminance Y of YIQ (section 5.1), the channel luminance-only transfer works on.</summary>
    /// <param name="rgb">N x 3 x H x W RGB in 0..1.</param>
    /// <returns>N x 1 x H x W luminance in 0..1.</returns>
    public static Tensor Luminance(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        RequireThreeChannels(rgb, nameof(rgb));
        return Mix(RgbToYiqMatrix[..3], rgb).MoveToOuterDisposeScope();
    }

    /// <summary>Throws a readable error unless <paramref name="pictures"/> is N x 3 x H x W.</summary>
    internal static void RequireThreeChannels(Tensor pictures, string parameterName)
    {
        if (pictures.dim() != 4 || pictures.shape[1] != 3)
        {
            throw new ArgumentException(
                $"Expected N x 3 x H x W pictures, got [{string.Join(", ", pictures.shape)}].", parameterName);
        }
    }

    /// <summary>Applies a K x 3 matrix (row-major) to every pixel: N x 3 x H x W in, N x K x H x W out.</summary>
    private static Tensor Mix(double[] matrix, Tensor pictures)
    {
        var m = tensor(matrix, [matrix.Length / 3, 3], dtype: pictures.dtype, device: pictures.device); // K x 3
        return einsum("kc,nchw->nkhw", m, pictures);
    }

    private static double[] Invert3x3(double[] m)
    {
        var (a, b, c, d, e, f, g, h, i) = (m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
        var det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return
        [
            (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
            (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
            (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det,
        ];
    }
}
