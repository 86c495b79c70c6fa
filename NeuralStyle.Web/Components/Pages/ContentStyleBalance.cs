namespace NeuralStyle.Web.Components.Pages;

/// <summary>
/// The "content vs style" slider: 0..100 mapped on a log scale to the ratio alpha/beta, four decades wide and centred
/// on the backbone's recommended ratio. For VGG19 (beta 1e3) that is 1e-5 (mostly style) to 1e-1 (mostly content),
/// the range of the paper's Figure 3 and beyond; ResNet18, whose recommended beta is 1e5, gets the same span shifted
/// by two decades. alpha stays 1 and beta = 1/ratio.
/// </summary>
public sealed class ContentStyleBalance(double recommendedStyleWeight)
{
    private const double Decades = 4;

    private double LowestExponent => -Math.Log10(recommendedStyleWeight) - Decades / 2;

    private double Ratio(double position) => Math.Pow(10, LowestExponent + Decades * position / 100);

    public (double ContentWeight, double StyleWeight) Weights(double position) => (1, 1 / Ratio(position));

    public double Position(double contentWeight, double styleWeight)
    {
        if (contentWeight <= 0 || styleWeight <= 0)
        {
            return contentWeight <= 0 ? 0 : 100;
        }

        return Math.Clamp((Math.Log10(contentWeight / styleWeight) - LowestExponent) / Decades * 100, 0, 100);
    }
}
