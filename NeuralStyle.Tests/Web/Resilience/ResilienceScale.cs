using System.Globalization;

namespace NeuralStyle.Tests.Web.Resilience;

/// <summary>
/// The resilience tests' counts are sized for CI (each class well under a minute on 2 cores). Set
/// <c>NEURALSTYLE_RESILIENCE_SCALE</c> to a whole number (10 for the full-size run in docs/RESILIENCE.md) to
/// multiply them.
/// </summary>
public static class ResilienceScale
{
    public const string Variable = "NEURALSTYLE_RESILIENCE_SCALE";

    public static int Factor { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var factor) && factor > 1 ? factor : 1;

    public static int Times(int count) => count * Factor;
}
