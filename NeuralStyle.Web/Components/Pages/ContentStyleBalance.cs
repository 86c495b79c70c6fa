namespace NeuralStyle.Web.Components.Pages;

/// <summary>
/// The "content vs style" slider: 0..100 mapped on a log scale to the paper's alpha/beta ratio from 1e-5 (mostly
/// style) to 1e-1 (mostly content); Figure 3 of Gatys et al. spans 1e-5..1e-2. alpha stays 1 and beta = 1/ratio.
/// </summary>
public static class ContentStyleBalance
{
    public const double LowestExponent = -5;
    public const double HighestExponent = -1;

    public static double Ratio(double position) => Math.Pow(10, LowestExponent + (HighestExponent - LowestExponent) * position / 100);

    public static (double ContentWeight, double StyleWeight) Weights(double position) => (1, 1 / Ratio(position));

    public static double Position(double contentWeight, double styleWeight)
    {
        if (contentWeight <= 0 || styleWeight <= 0)
        {
            return contentWeight <= 0 ? 0 : 100;
        }

        var exponent = Math.Log10(contentWeight / styleWeight);
        return Math.Clamp((exponent - LowestExponent) / (HighestExponent - LowestExponent) * 100, 0, 100);
    }
}
