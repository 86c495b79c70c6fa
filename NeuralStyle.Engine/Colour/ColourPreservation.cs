// Colour control of Gatys, Ecker, Bethge, Hertzmann and Shechtman, "Controlling Perceptual Factors in Neural Style Transfer", CVPR 2017, section 5.
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Colour;

/// <summary>
/// Ways to keep the content photo's colours (section 5): match the style picture's colour statistics to the photo
/// before the run (5.2), or run on luminance only and put the photo's colours back afterwards (5.1).
/// Pictures are 1 x 3 x H x W RGB in 0..1; statistics are computed in float64 and results returned in the input's type.
/// </summary>
public static class ColourPreservation
{
    // Added to the style's covariance before Σ_S^{-1/2}: a flat or grey picture has zero variance along some colour
    // direction. Natural pictures' colour variances are about 1e-3..1e-1 (0..1 units), so the match stays within 0.1 %.
    private const double CovarianceRidge = 1e-6;

    // Floor under the style's luminance standard deviation: a flat style picture stays flat instead of dividing by 0.
    private const double MinimumDeviation = 1e-6;

    /// <summary>
    /// Colour histogram matching (section 5.2): x' = A x_S + b with A = Σ_C^{1/2} Σ_S^{-1/2} and b = μ_C - A μ_S,
    /// so the source's pixels get the target's colour mean and covariance. The square roots are the symmetric ones,
    /// from an eigendecomposition (the "image analogies" choice of A, not the Cholesky one). Clamped to 0..1,
    /// which bends the match only where the mapped colours leave that range.
    /// </summary>
    /// <param name="source">x_S, the style picture, 1 x 3 x H x W.</param>
    /// <param name="target">The content photo whose colour statistics are wanted, 1 x 3 x H' x W' (any size).</param>
    /// <returns>The recoloured source, 1 x 3 x H x W.</returns>
    public static Tensor MatchHistogram(Tensor source, Tensor target)
    {
        using var scope = NewDisposeScope();
        RequireOnePicture(source, nameof(source));
        RequireOnePicture(target, nameof(target));
        var (mean, covariance) = MeanAndCovariance(target.reshape(3, -1).to(ScalarType.Float64));
        return Match(source, mean, covariance).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The same match the other way round, for several targets: <paramref name="source"/> (the photo) gets the colour
    /// mean and covariance of the mixture of <paramref name="targets"/> (the style pictures) in the proportions
    /// <paramref name="weights"/> (summing to 1), as if their pixels were pooled in those proportions.
    /// </summary>
    /// <param name="source">The photo, 1 x 3 x H x W.</param>
    /// <param name="targets">The style pictures, each 1 x 3 x H' x W' (any size).</param>
    /// <param name="weights">One proportion per style picture.</param>
    /// <returns>The recoloured photo, 1 x 3 x H x W in 0..1.</returns>
    public static Tensor MatchColours(Tensor source, IReadOnlyList<Tensor> targets, IReadOnlyList<double> weights)
    {
        using var scope = NewDisposeScope();
        RequireOnePicture(source, nameof(source));
        if (targets.Count == 0 || targets.Count != weights.Count)
        {
            throw new ArgumentException($"Need one weight per colour source, got {targets.Count} pictures and {weights.Count} weights.", nameof(weights));
        }

        var statistics = targets.Select(t => MeanAndCovariance(t.reshape(3, -1).to(ScalarType.Float64))).ToArray();
        var mean = statistics.Select((s, i) => s.Mean * weights[i]).Aggregate((a, b) => a + b);
        // The mixture's covariance: each part's own, plus the spread of the parts' means about the mixture's.
        var covariance = statistics.Select((s, i) => (s.Covariance + (s.Mean - mean).matmul((s.Mean - mean).t())) * weights[i]).Aggregate((a, b) => a + b);
        return Match(source, mean, covariance).MoveToOuterDisposeScope();
    }

    /// <summary>x' = A x + b with A = Σ_T^{1/2} Σ_S^{-1/2}, b = μ_T - A μ_S: the source's pixels with the target statistics, clamped to 0..1.</summary>
    private static Tensor Match(Tensor source, Tensor targetMean, Tensor targetCovariance)
    {
        var xs = source.reshape(3, -1).to(ScalarType.Float64); // 3 x M_S
        var (muS, sigmaS) = MeanAndCovariance(xs); // 3 x 1, 3 x 3
        var ridge = eye(3, dtype: ScalarType.Float64, device: xs.device) * CovarianceRidge;
        var a = SymmetricPower(targetCovariance, 0.5).matmul(SymmetricPower(sigmaS + ridge, -0.5)); // 3 x 3
        var b = targetMean - a.matmul(muS); // 3 x 1
        var matched = a.matmul(xs) + b; // 3 x M_S
        return matched.reshape(source.shape).to(source.dtype).clamp(0, 1);
    }

    /// <summary>
    /// Luminance-only transfer (section 5.1): the picture's luminance Y copied into all three channels, so an RGB
    /// network sees a grey picture whose only information is Y.
    /// </summary>
    /// <param name="rgb">1 x 3 x H x W RGB in 0..1.</param>
    /// <returns>1 x 3 x H x W with R = G = B = Y.</returns>
    public static Tensor LuminanceAsRgb(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        RequireOnePicture(rgb, nameof(rgb));
        return ColourSpace.Luminance(rgb).expand(-1, 3, -1, -1).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Luminance histogram matching (section 5.1): L_S' = σ_C / σ_S (L_S - μ_S) + μ_C, so the style's luminance has
    /// the content's mean and standard deviation (over all pixels) before the style is taken from it. Clamped to 0..1.
    /// </summary>
    /// <param name="styleLuminance">
    /// L_S: 1 x 1 x H x W from <see cref="ColourSpace.Luminance"/>, or its 1 x 3 x H x W copy from <see cref="LuminanceAsRgb"/>.
    /// </param>
    /// <param name="contentLuminance">L_C: the content's luminance in either form, any size.</param>
    /// <returns>The matched style luminance, shaped like <paramref name="styleLuminance"/>.</returns>
    public static Tensor MatchLuminance(Tensor styleLuminance, Tensor contentLuminance)
    {
        using var scope = NewDisposeScope();
        RequireOneLuminance(styleLuminance, nameof(styleLuminance));
        RequireOneLuminance(contentLuminance, nameof(contentLuminance));
        var style = styleLuminance.to(ScalarType.Float64);
        var content = contentLuminance.to(ScalarType.Float64);
        var (muS, sigmaS) = (style.mean(), style.std(unbiased: false));
        var (muC, sigmaC) = (content.mean(), content.std(unbiased: false));
        var matched = (style - muS) * (sigmaC / sigmaS.clamp_min(MinimumDeviation)) + muC;
        return matched.to(styleLuminance.dtype).clamp(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The last step of luminance-only transfer (section 5.1): the result's luminance Y with the content photo's
    /// chroma I and Q, converted back to RGB and clamped to 0..1.
    /// </summary>
    /// <param name="stylisedLuminanceRgb">The run's output on luminance pictures, 1 x 3 x H x W; its Y is kept.</param>
    /// <param name="content">The content photo, 1 x 3 x H x W (same size); its I and Q are kept.</param>
    /// <returns>1 x 3 x H x W RGB in 0..1.</returns>
    public static Tensor RecombineWithContentColour(Tensor stylisedLuminanceRgb, Tensor content)
    {
        using var scope = NewDisposeScope();
        return LuminanceWithChromaOf(stylisedLuminanceRgb, content, nameof(stylisedLuminanceRgb)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The "original colours" swap of jcjohnson/neural-style (-original_colors 1), applied after an ordinary full
    /// colour run: the result's luminance with the content photo's chroma. It is the recombination of section 5.1 on
    /// a colour result; YIQ here and YUV there give the same pixels, as both share Y and span the same chroma plane.
    /// </summary>
    /// <param name="result">The stylised picture, 1 x 3 x H x W; its luminance is kept.</param>
    /// <param name="content">The content photo, 1 x 3 x H x W (same size); its chroma is kept.</param>
    /// <returns>1 x 3 x H x W RGB in 0..1.</returns>
    public static Tensor KeepOriginalColours(Tensor result, Tensor content)
    {
        using var scope = NewDisposeScope();
        return LuminanceWithChromaOf(result, content, nameof(result)).MoveToOuterDisposeScope();
    }

    /// <summary>Y of one picture with I and Q of another, as RGB clamped to 0..1 (1 x 3 x H x W each).</summary>
    private static Tensor LuminanceWithChromaOf(Tensor luminanceSource, Tensor chromaSource, string luminanceName)
    {
        RequireOnePicture(luminanceSource, luminanceName);
        RequireOnePicture(chromaSource, "content");
        if (luminanceSource.shape[2] != chromaSource.shape[2] || luminanceSource.shape[3] != chromaSource.shape[3])
        {
            throw new ArgumentException(
                $"The content photo is {chromaSource.shape[3]} x {chromaSource.shape[2]} pixels but the stylised picture is " +
                $"{luminanceSource.shape[3]} x {luminanceSource.shape[2]}; resize the photo to the result first.", "content");
        }

        var y = ColourSpace.Luminance(luminanceSource); // 1 x 1 x H x W
        var iq = ColourSpace.RgbToYiq(chromaSource).narrow(1, 1, 2); // 1 x 2 x H x W
        return ColourSpace.YiqToRgb(cat([y, iq], 1)).clamp(0, 1);
    }

    /// <summary>Per-channel mean (K x 1) and population covariance (K x K) of K x M pixel columns.</summary>
    private static (Tensor Mean, Tensor Covariance) MeanAndCovariance(Tensor pixels)
    {
        var mean = pixels.mean([1], keepdim: true); // K x 1
        var centred = pixels - mean; // K x M
        return (mean, centred.matmul(centred.t()) / pixels.shape[1]);
    }

    /// <summary>S^p for a symmetric positive semi-definite S = V diag(λ) V^T: V diag(λ^p) V^T.</summary>
    private static Tensor SymmetricPower(Tensor symmetric, double power)
    {
        var (values, vectors) = linalg.eigh(symmetric);
        // Rounding can leave the eigenvalues of a singular covariance a hair below zero.
        var powered = values.clamp_min(0).pow(power); // K
        return (vectors * powered.unsqueeze(0)).matmul(vectors.t());
    }

    private static void RequireOnePicture(Tensor picture, string parameterName)
    {
        ColourSpace.RequireThreeChannels(picture, parameterName);
        if (picture.shape[0] != 1)
        {
            throw new ArgumentException($"Expected one picture (batch 1), got a batch of {picture.shape[0]}.", parameterName);
        }
    }

    private static void RequireOneLuminance(Tensor luminance, string parameterName)
    {
        if (luminance.dim() != 4 || luminance.shape[0] != 1 || (luminance.shape[1] != 1 && luminance.shape[1] != 3))
        {
            throw new ArgumentException(
                $"Expected a 1 x 1 x H x W luminance (or its 1 x 3 x H x W copy), got [{string.Join(", ", luminance.shape)}].",
                parameterName);
        }
    }
}
