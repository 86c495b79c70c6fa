using System.Globalization;
using Bunit;
using NeuralStyle.Web.Components.Shared;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// The loss chart follows the run, not its worst moment: a brief jump of a few decades is cut off at the top and
/// explained, so the curve does not read as "it broke".
/// </summary>
public sealed class LossChartTests : IAsyncDisposable
{
    private readonly BunitContext context = new();

    public ValueTask DisposeAsync() => context.DisposeAsync();

    [Fact]
    public void ASmoothRunSpansItsOwnDecadesAndHasNoJumps()
    {
        var scale = LossScale.Of(Run(100, i => 1e8 / i));

        Assert.Equal((6, 8), (scale.Low, scale.High));
        Assert.Empty(scale.SpikeStarts);
    }

    [Fact]
    public void ABriefJumpOfThreeDecadesIsLeftAboveTheScaleAndCountedOnce()
    {
        // 1e6 falling gently, then two steps at 1e9 (iterations 41 and 42), then back.
        var scale = LossScale.Of(Run(100, i => i is 41 or 42 ? 1e9 : 1e6 / Math.Sqrt(i)));

        Assert.Equal([40], scale.SpikeStarts);
        Assert.True(scale.IsSpike(41));
        Assert.False(scale.IsSpike(42));
        Assert.Equal((5, 6), (scale.Low, scale.High));
    }

    [Fact]
    public void AFastFallAtTheStartIsNoJump()
    {
        var scale = LossScale.Of(Run(50, i => i == 1 ? 1e10 : 1e5 / i));

        Assert.Empty(scale.SpikeStarts);
        Assert.Equal(10, scale.High);
    }

    [Fact]
    public void ARiseThatLastsIsANewLevelNotAJump()
    {
        // A network view: 40 steps of the photo's rebuild (losses near 10), then the style's (near 1e8).
        var scale = LossScale.Of(Run(80, i => i <= 40 ? 10.0 / i : 1e8 / (i - 40)));

        Assert.Empty(scale.SpikeStarts);
        Assert.Equal(8, scale.High);
    }

    [Fact]
    public void AJumpAtTheEndOfALiveRunIsCutOffUntilItLasts()
    {
        var scale = LossScale.Of(Run(60, i => i > 57 ? 1e9 : 1e6 / Math.Sqrt(i)));

        Assert.Equal([57], scale.SpikeStarts);
        Assert.Equal((5, 6), (scale.Low, scale.High));
    }

    [Theory]
    [InlineData(-2, "0.01")]
    [InlineData(0, "1")]
    [InlineData(3, "1,000")]
    [InlineData(6, "10⁶")]
    [InlineData(-4, "10⁻⁴")]
    public void GridLinesAreLabelledAsPeopleWriteNumbers(int decade, string label) => Assert.Equal(label, LossScale.Label(decade));

    [Fact]
    public void TheChartDrawsAJumpAtItsTopEdgeMarksItAndSaysWhatItIs()
    {
        var points = Enumerable.Range(1, 100).Select(i => new LossPoint(i, 10, i is 41 or 42 ? 1e9 : 1e6 / Math.Sqrt(i), 0, i is 41 or 42 ? 1e9 : 1e6 / Math.Sqrt(i))).ToList();

        var chart = context.Render<LossChart>(p => p.Add(c => c.Points, points).Add(c => c.Iterations, 100));

        var ys = chart.Find("polyline[data-series=style]").GetAttribute("points")!.Split(' ').Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        // The chart's plot area starts 28 units below the top of the 260-unit drawing: nothing is drawn above it.
        Assert.Equal(28, ys.Min());
        Assert.Single(chart.FindAll("[data-testid=spike-marker]"));
        Assert.Contains("jumped up for a moment once", chart.Find("[data-testid=spike-note]").TextContent);
        Assert.Contains("brief upward jumps", chart.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void ASmoothRunNeedsNoNote()
    {
        var points = Enumerable.Range(1, 20).Select(i => new LossPoint(i, 10.0 / i, 1000.0 / i, 0, 1e5 * 1000 / i)).ToList();

        var chart = context.Render<LossChart>(p => p.Add(c => c.Points, points).Add(c => c.Iterations, 20));

        Assert.Empty(chart.FindAll("[data-testid=spike-note]"));
        Assert.Empty(chart.FindAll("[data-testid=spike-marker]"));
    }

    /// <summary>Steps 1 to <paramref name="count"/>, each with one value for all three series.</summary>
    private static List<double[]> Run(int count, Func<int, double> value) =>
        Enumerable.Range(1, count).Select(i => new[] { value(i), value(i), value(i) }).ToList();
}
