using NeuralStyle.Engine.Transfer;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Transfer;

public class LbfgsStateTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(100)]
    public void CompactFormMovesAsTheTwoLoopRecursionDoes(int historySize)
    {
        // A convex but badly scaled function, so that the curvature pairs differ from step to step and the history
        // fills up and wraps around (3 and 10) or keeps growing through its doublings (100).
        using var scope = NewDisposeScope();
        var scales = linspace(0.1, 20, 60, ScalarType.Float64);
        var (compactPixels, referencePixels) = (full(60, 1.5, ScalarType.Float64), full(60, 1.5, ScalarType.Float64));
        using var compact = new LbfgsState(learningRate: 0.5, historySize);
        var reference = new TwoLoopLbfgs(learningRate: 0.5, historySize);

        using var noGrad = no_grad();
        var compared = 0;
        for (var step = 0; step < 30; step++)
        {
            var moved = compact.Displacement(compactPixels, Gradient(compactPixels, scales), Loss(compactPixels, scales));
            if (!compact.LastAccepted)
            {
                // The reference has no safeguard: from here the two take different points.
                break;
            }

            compared++;
            var expected = reference.Displacement(referencePixels, Gradient(referencePixels, scales));

            Assert.True(allclose(moved, expected, rtol: 1e-6, atol: 1e-9), $"step {step + 1}: the moves differ by {(moved - expected).abs().max().item<double>():g3}");
            compactPixels = compactPixels + moved;
            referencePixels = referencePixels + expected;
        }

        Assert.True(compared >= 20, $"Only {compared} steps were kept before the first rejection.");
        Assert.Equal(Math.Min(historySize, reference.Count), compact.HistoryCount);
    }

    [Fact]
    public void InSinglePrecisionMovesAsTheTwoLoopRecursionDoesInDouble()
    {
        // A run's pictures are float32, and the held pairs' products with each new y are taken as the difference of
        // their products with two gradients. Given the same points, over a history that wraps around several times,
        // the float32 moves stay with a float64 reference's to what float32 can hold.
        using var scope = NewDisposeScope();
        var scales = linspace(0.1, 20, 3000, ScalarType.Float64);
        var pixels = (rand(3000, ScalarType.Float64, generator: new Generator(7)) * 2 - 1).to(ScalarType.Float32);
        using var compact = new LbfgsState(learningRate: 0.5, historySize: 5);
        var reference = new TwoLoopLbfgs(learningRate: 0.5, historySize: 5);

        using var noGrad = no_grad();
        for (var step = 0; step < 25; step++)
        {
            var moved = compact.Displacement(pixels, Gradient(pixels, scales.to(ScalarType.Float32)), Loss(pixels, scales.to(ScalarType.Float32)));
            var exact = pixels.to(ScalarType.Float64);
            var expected = reference.Displacement(exact, Gradient(exact, scales));

            var error = ((moved.to(ScalarType.Float64) - expected).norm() / expected.norm()).item<double>();
            // The first pair comes from the first move, which is short (scaled by 1/|g|_1), so its y is a difference of
            // nearly equal float32 gradients; once the five-pair history has dropped it the moves agree far closer.
            var bound = step < 6 ? 2e-4 : 5e-6;
            Assert.True(error < bound, $"step {step + 1}: the float32 move is {error:g3} of the move away from the float64 one");
            pixels = pixels + moved;
        }

        Assert.Equal(5, compact.HistoryCount);
    }

    [Fact]
    public void ReachesTheMinimumOfAQuadraticFarSoonerThanGradientSteps()
    {
        using var scope = NewDisposeScope();
        var scales = linspace(0.1, 20, 200, ScalarType.Float32);
        var pixels = ones(200);
        using var state = new LbfgsState(learningRate: 1, historySize: 20);

        using var noGrad = no_grad();
        for (var step = 0; step < 60; step++)
        {
            pixels = pixels + state.Displacement(pixels, Gradient(pixels, scales), Loss(pixels, scales));
        }

        // Gradient steps of the same first length (1/|g|_1 ~ 1/2000) would leave the small-scale coordinates near 1.
        Assert.True(pixels.abs().max().item<float>() < 1e-3, $"largest coordinate left: {pixels.abs().max().item<float>():g3}");
    }

    [Fact]
    public void KeepsThreeTensorsHoweverLongItRuns()
    {
        var before = DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        using (var state = new LbfgsState(learningRate: 1, historySize: 16))
        {
            var scales = linspace(0.1, 20, 50);
            var pixels = ones(50).DetachFromDisposeScope();
            for (var step = 0; step < 40; step++)
            {
                using var stepScope = NewDisposeScope();
                using var noGrad = no_grad();
                var next = (pixels + state.Displacement(pixels, Gradient(pixels, scales), Loss(pixels, scales))).DetachFromDisposeScope();
                pixels.Dispose();
                pixels = next;
            }

            // The history of pairs plus the previous pixels and gradient, beside the
            // test's own pixels and scales.
            Assert.Equal(before + 3 + 2, DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
            pixels.Dispose();
            scales.Dispose();
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void NeverKeepsAPointWhoseLossRoseAndStillFindsTheMinimum()
    {
        // Rosenbrock's valley in 20 dimensions: its curvature changes so fast along the way that full quasi-Newton
        // steps overshoot, which is what made runs' losses jump by decades.
        using var scope = NewDisposeScope();
        var pixels = full(20, -1.2, ScalarType.Float64);
        using var state = new LbfgsState(learningRate: 1, historySize: 10);
        var kept = new List<double>();

        using var noGrad = no_grad();
        for (var step = 0; step < 400; step++)
        {
            var loss = Rosenbrock(pixels);
            pixels = pixels + state.Displacement(pixels, RosenbrockGradient(pixels), loss);
            if (state.LastAccepted)
            {
                kept.Add(loss.item<double>());
            }
        }

        Assert.True(state.Rejected > 0, "The test should make the optimiser reject some trials.");
        for (var i = 1; i < kept.Count; i++)
        {
            Assert.True(kept[i] <= kept[i - 1], $"Kept point {i + 1} has loss {kept[i]:g6}, above the previous {kept[i - 1]:g6}.");
        }

        Assert.True(kept[^1] < 1e-8, $"Ended at loss {kept[^1]:g3} after {kept.Count} kept points of 400.");
    }

    [Fact]
    public void ATrialThatOverflowsIsRejectedAndTheNextLiesATenthOfTheWayFromTheKeptPoint()
    {
        using var scope = NewDisposeScope();
        var scales = linspace(0.1, 20, 50, ScalarType.Float64);
        using var state = new LbfgsState(learningRate: 1, historySize: 5);
        using var noGrad = no_grad();
        var start = ones(50, ScalarType.Float64);
        var trial = start + state.Displacement(start, Gradient(start, scales), Loss(start, scales));
        var kept = trial + state.Displacement(trial, Gradient(trial, scales), Loss(trial, scales));
        Assert.True(state.LastAccepted);
        var planned = kept + state.Displacement(kept, Gradient(kept, scales), Loss(kept, scales));

        var next = planned + state.Displacement(planned, full(50, double.NaN, ScalarType.Float64), tensor(double.PositiveInfinity, ScalarType.Float64));

        Assert.False(state.LastAccepted);
        Assert.True(allclose(next, kept + (planned - kept) * 0.1, rtol: 1e-9, atol: 1e-12), "The next trial should be a tenth of the rejected move from the kept point.");
        Assert.True(allclose(state.Accepted!, kept), "The kept point stays where the run stands.");
    }

    [Fact]
    public void AStartingPictureWithoutAFiniteLossIsRefusedWithASentence()
    {
        using var scope = NewDisposeScope();
        using var state = new LbfgsState(learningRate: 1, historySize: 5);
        using var noGrad = no_grad();

        var error = Assert.Throws<StyleTransferException>(() => state.Displacement(ones(4), ones(4), tensor(float.NaN)));

        Assert.Contains("starting picture", error.Message);
    }

    /// <summary>sum(scale_i x_i^2 / 2 + x_i^4 / 4): convex, minimum at 0.</summary>
    private static Tensor Loss(Tensor x, Tensor scales) => (scales * x.pow(2) / 2 + x.pow(4) / 4).sum();

    /// <summary>The gradient of <see cref="Loss"/>.</summary>
    private static Tensor Gradient(Tensor x, Tensor scales) => scales * x + x.pow(3);

    /// <summary>sum_i 100 (x_(i+1) - x_i^2)^2 + (1 - x_i)^2, minimum 0 at all ones.</summary>
    private static Tensor Rosenbrock(Tensor x)
    {
        var (head, tail) = (x[..^1], x[1..]);
        return (100 * (tail - head.pow(2)).pow(2) + (1 - head).pow(2)).sum();
    }

    private static Tensor RosenbrockGradient(Tensor x)
    {
        var (head, tail) = (x[..^1], x[1..]);
        var gradient = zeros_like(x);
        gradient[..^1] += -400 * head * (tail - head.pow(2)) - 2 * (1 - head);
        gradient[1..] += 200 * (tail - head.pow(2));
        return gradient;
    }

    /// <summary>Nocedal and Wright's algorithm 7.4 written out plainly, with LbfgsState's step rule and curvature test.</summary>
    private sealed class TwoLoopLbfgs(double learningRate, int historySize)
    {
        private readonly List<(Tensor S, Tensor Y)> pairs = [];
        private Tensor? previousPixels;
        private Tensor? previousGradient;
        private double gamma = 1;

        public int Count { get; private set; }

        public Tensor Displacement(Tensor x, Tensor g)
        {
            if (previousPixels is not null)
            {
                var (s, y) = (x - previousPixels, g - previousGradient!);
                var (ys, yy, ss) = (y.dot(s).item<double>(), y.dot(y).item<double>(), s.dot(s).item<double>());
                if (ys > 1e-8 * Math.Sqrt(yy * ss))
                {
                    pairs.Add((s, y));
                    Count++;
                    if (pairs.Count > historySize)
                    {
                        pairs.RemoveAt(0);
                    }

                    gamma = ys / yy;
                }
            }

            var q = -g;
            var alphas = new double[pairs.Count];
            for (var i = pairs.Count - 1; i >= 0; i--)
            {
                alphas[i] = pairs[i].S.dot(q).item<double>() / pairs[i].Y.dot(pairs[i].S).item<double>();
                q = q - pairs[i].Y * alphas[i];
            }

            var r = q * gamma;
            for (var i = 0; i < pairs.Count; i++)
            {
                var beta = pairs[i].Y.dot(r).item<double>() / pairs[i].Y.dot(pairs[i].S).item<double>();
                r = r + pairs[i].S * (alphas[i] - beta);
            }

            var step = previousPixels is null ? Math.Min(1.0, 1.0 / g.abs().sum().item<double>()) * learningRate : learningRate;
            (previousPixels, previousGradient) = (x, g);
            return r * step;
        }
    }
}
