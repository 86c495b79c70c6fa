using System.Globalization;

namespace NeuralStyle.Web.Components.Shared;

/// <summary>Numbers as people write them (100,000 and 0.001), not as programs print them (1E+05, 1e-3).</summary>
public static class Numbers
{
    /// <summary>Three significant digits, grouped by thousands; powers of ten only beyond what a person would write out.</summary>
    public static string Plain(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var magnitude = Math.Abs(value);
        if (magnitude >= 1e12 || magnitude < 1e-6)
        {
            return value.ToString("0.##e0", CultureInfo.InvariantCulture);
        }

        var digits = (int)Math.Floor(Math.Log10(magnitude)) + 1;
        var rounded = Math.Round(value / Math.Pow(10, digits - 3)) * Math.Pow(10, digits - 3);
        return rounded.ToString(digits >= 3 ? "#,0" : "#,0.#########", CultureInfo.InvariantCulture);
    }
}
