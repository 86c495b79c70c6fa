// Colour control of Gatys, Bethge, Hertzmann and Shechtman, "Controlling Perceptual Factors in Neural Style Transfer" (CVPR 2017), section 5.
using NeuralStyle.Engine.Colour;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>
/// What the network sees for a colour mode, and how an optimised picture is turned into the picture people see.
/// All pictures are 1 x 3 x H x W RGB in 0..1 at the stage's size.
/// </summary>
internal sealed class ColourPlan
{
    private readonly ColourMode mode;
    private readonly Tensor photo;

    private ColourPlan(ColourMode mode, Tensor photo, Tensor content, IReadOnlyList<Tensor> styles)
    {
        this.mode = mode;
        this.photo = photo;
        Content = content;
        Styles = styles;
    }

    /// <summary>The photo as the network sees it.</summary>
    public Tensor Content { get; }

    /// <summary>The style pictures as the network sees them.</summary>
    public IReadOnlyList<Tensor> Styles { get; }

    /// <summary>Prepares <paramref name="photo"/> and <paramref name="styles"/> for <paramref name="mode"/>; tensors live in the caller's scope.</summary>
    public static ColourPlan Prepare(ColourMode mode, Tensor photo, IReadOnlyList<Tensor> styles) => mode switch
    {
        // 5.1: optimise luminance against luminance, the style's luminance shifted and scaled to the photo's.
        ColourMode.Luminance => LuminanceOnly(photo, styles),
        // 5.2: the style's colour mean and covariance matched to the photo's before the run.
        ColourMode.MatchStyleToPhoto => new ColourPlan(mode, photo, photo, styles.Select(s => ColourPreservation.MatchHistogram(s, photo)).ToArray()),
        _ => new ColourPlan(mode, photo, photo, styles),
    };

    private static ColourPlan LuminanceOnly(Tensor photo, IReadOnlyList<Tensor> styles)
    {
        var content = ColourPreservation.LuminanceAsRgb(photo);
        var matched = styles.Select(s => ColourPreservation.MatchLuminance(ColourPreservation.LuminanceAsRgb(s), content)).ToArray();
        return new ColourPlan(ColourMode.Luminance, photo, content, matched);
    }

    /// <summary>The picture people see for the optimised <paramref name="pixels"/>, brought into 0..1 by <see cref="PixelRange.Clip"/>.</summary>
    public Tensor Present(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var clipped = PixelRange.Clip(pixels);
        var shown = mode switch
        {
            ColourMode.Luminance => ColourPreservation.RecombineWithContentColour(clipped, photo),
            ColourMode.OriginalColours => ColourPreservation.KeepOriginalColours(clipped, photo),
            _ => clipped,
        };
        return shown.MoveToOuterDisposeScope();
    }
}
