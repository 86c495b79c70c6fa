// L-BFGS as in Nocedal and Wright, "Numerical Optimization" (2006), algorithm 7.4, with one evaluation per iteration as
// torch.optim.LBFGS and jcjohnson/neural-style run it, safeguarded by backtracking on the sufficient-decrease
// (Armijo) condition, their algorithm 3.1 with the interpolation of section 3.5; the product with the inverse Hessian
// in the compact form of Byrd, Nocedal and Schnabel, "Representations of quasi-Newton matrices and their use in
// limited memory methods" (Mathematical Programming 63, 1994), theorem 2.2.
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>
/// The curvature history and step rule of L-BFGS for one picture, apart from any parameter, so that one optimiser can
/// keep a separate state for each picture of a batch. The history lives outside every dispose scope and belongs to
/// this object; everything else <see cref="Displacement"/> creates dies with the caller's scope. Unlike
/// torch.optim.LBFGS, the curvature test is relative (see <see cref="Remember"/>), because this loss's scale spans many
/// orders of magnitude with the backbone, picture size and weights.
/// <para>
/// Each evaluated point is a trial. It is accepted when its loss is finite and at least a small part
/// (<see cref="SufficientDecrease"/>) of the decrease the gradient promised along the move below the last accepted
/// point's; only then does it enter the history and become the point the next move starts from. A rejected trial
/// costs its one evaluation: the next trial lies back on the same move, where a parabola through the two losses and the
/// slope has its minimum (within a tenth and a half of the move). Without this a full step now and then overshot and
/// raised the loss by two to four decades before the run found its way back, and now and then never did.
/// </para>
/// </summary>
/// <remarks>
/// The two-loop recursion makes four vector operations per stored pair, each reading whole pictures and writing some:
/// with 100 pairs at 512 px on one CPU core a step cost 720 ms against the network pass's 453 ms. The compact form
/// reads the history twice instead, as matrix-vector products over the stacked pairs (the gradient's inner products
/// with the held pairs, and the direction), about 26 ms each there; the held pairs' products with the new y follow from
/// the gradient's now and at the previous step. In this fixed-step L-BFGS y is as long as g (|y|/|g| between 0.76 and
/// 2.65 through the runs we logged), so that difference loses nothing to cancellation: it matched the direct products
/// to a few parts in a million. Everything between those passes is a few m x m systems: they are solved here on the
/// host, in double precision, from one device-to-host copy of all the inner products a step needs. On a GPU each tensor
/// operation costs the host roughly 10 to 20 microseconds to launch however small it is, and the seventy or so small
/// operations that step took on the device (counted from the code) cost it more at 512 px than its arithmetic.
/// </remarks>
internal sealed class LbfgsState(double learningRate, int historySize) : IDisposable
{
    /// <summary>Pair slots on the device, m x 2 x n: [i, 0] is s_i, [i, 1] is y_i; filled in order, then a ring.</summary>
    private Tensor? pairs;

    /// <summary>s_i . y_j and y_i . y_j by slot; only entries whose pairs are both held are read.</summary>
    private readonly double[,] sy = new double[historySize, historySize];
    private readonly double[,] yy = new double[historySize, historySize];

    /// <summary>s_i . g and y_i . g by slot for the previous evaluation's gradient, over the pairs held after it.</summary>
    private double[] withPreviousGradient = [];

    private int count;
    private int oldest;
    private Tensor? previousGradient;
    private Tensor? previousPixels;
    private double previousLoss;
    private double hessianDiagonal = 1;
    private int rejectedInARow;

    /// <summary>c_1 of the sufficient-decrease condition, the value Nocedal and Wright suggest (section 3.1).</summary>
    internal const double SufficientDecrease = 1e-4;

    /// <summary>Rejected trials in a row after which the history is dropped and the run restarts from a gradient step.</summary>
    internal const int RejectionsBeforeRestart = 6;

    /// <summary>Curvature pairs held now.</summary>
    public int HistoryCount => count;

    /// <summary>Whether the last evaluated point was accepted; the first always is.</summary>
    public bool LastAccepted { get; private set; }

    /// <summary>Trials rejected so far.</summary>
    public int Rejected { get; private set; }

    /// <summary>The last accepted point (flat), where the next move starts from; null before the first evaluation.</summary>
    public Tensor? Accepted => previousPixels;

    /// <summary>The loss at <see cref="Accepted"/>.</summary>
    public double AcceptedLoss => previousLoss;

    /// <summary>
    /// The move to add to <paramref name="pixels"/> (flat, where the gradient was taken) given this evaluation's
    /// <paramref name="loss"/> (a scalar) and flat <paramref name="gradient"/>: from an accepted point the next
    /// quasi-Newton step, from a rejected one the way back to a shorter trial. Call under no_grad, once per evaluation.
    /// </summary>
    public Tensor Displacement(Tensor pixels, Tensor gradient, Tensor loss)
    {
        if (previousGradient is null || previousPixels is null)
        {
            var first = stack([loss.to(ScalarType.Float64), gradient.abs().sum().to(ScalarType.Float64)]).cpu().data<double>().ToArray();
            if (!double.IsFinite(first[0]) || !double.IsFinite(first[1]))
            {
                throw new StyleTransferException($"The loss at the starting picture is {first[0]}: the starting picture or the weights are not usable.");
            }

            Accept(pixels, gradient, first[0]);
            return FirstStep(gradient, first[1]);
        }

        // The displacement actually taken, which differs from the planned step where the caller clipped pixels.
        return Update(pixels, pixels - previousPixels, gradient - previousGradient, gradient, loss);
    }

    /// <summary>A first step scaled so its length does not depend on the loss's units (torch.optim.LBFGS).</summary>
    private Tensor FirstStep(Tensor gradient, double gradientL1) =>
        gradient * -(Math.Min(1.0, 1.0 / gradientL1) * learningRate);

    private void Accept(Tensor pixels, Tensor gradient, double loss)
    {
        Replace(ref previousGradient, gradient.clone());
        Replace(ref previousPixels, pixels.clone());
        previousLoss = loss;
        LastAccepted = true;
        rejectedInARow = 0;
    }

    /// <summary>
    /// Accepts the trial at <paramref name="pixels"/> (and takes in the pair (s, y) if it shows positive curvature, then
    /// returns the step along -H g) or rejects it and returns the way back to a shorter trial on the same move.
    /// </summary>
    private Tensor Update(Tensor pixels, Tensor s, Tensor y, Tensor gradient, Tensor loss)
    {
        // Every number the step needs, in one device-to-host copy: the held pairs' products with g (2m), then y.s, y.y,
        // s.s, s.g, y.g and the loss. The held pairs' products with y are those with g less those with the previous
        // gradient, kept from the previous step, since y is the difference of the two: one pass over the history fewer.
        // s.g, y.g and the loss, and the slope at the accepted point along the move, s.g_previous (taken on its own: a
        // trial that overflowed has no usable gradient).
        var newProducts = stack([y.dot(s), y.dot(y), s.dot(s), s.dot(gradient), y.dot(gradient), loss.to(gradient.dtype), s.dot(previousGradient!)]);
        var all = count > 0 ? cat([pairs!.narrow(0, 0, count).reshape(2 * count, -1).matmul(gradient), newProducts]) : newProducts;
        var products = all.to(ScalarType.Float64).cpu().data<double>().ToArray();
        var (ys, yNorm, sNorm, sg, yg) = (products[2 * count], products[2 * count + 1], products[2 * count + 2], products[2 * count + 3], products[2 * count + 4]);
        var (trialLoss, slope) = (products[2 * count + 5], products[2 * count + 6]);
        if (!(double.IsFinite(trialLoss) && double.IsFinite(sg) && double.IsFinite(yNorm) && trialLoss <= previousLoss + SufficientDecrease * Math.Min(slope, 0)))
        {
            return Retreat(s, slope, trialLoss);
        }

        var withGradient = products.AsSpan(0, 2 * count).ToArray();
        var withY = new double[2 * count];
        for (var i = 0; i < withY.Length; i++)
        {
            withY[i] = withGradient[i] - withPreviousGradient[i];
        }

        Accept(pixels, gradient, trialLoss);
        var slot = Remember(s, y, ys, yNorm, sNorm, withY);
        if (slot >= 0)
        {
            Array.Resize(ref withGradient, 2 * count);
            (withGradient[2 * slot], withGradient[2 * slot + 1]) = (sg, yg);
        }

        withPreviousGradient = withGradient;
        return Step(gradient, withGradient);
    }

    /// <summary>
    /// Rejects the trial reached by the move <paramref name="s"/> from the accepted point and returns the way from the
    /// trial to a shorter one, theta s, with theta where the parabola through the accepted loss, its
    /// <paramref name="slope"/> along s and the <paramref name="trialLoss"/> has its minimum (Nocedal and Wright,
    /// equation 3.58), kept within 0.1 and 0.5. After <see cref="RejectionsBeforeRestart"/> rejections in a row, or when
    /// the move did not go downhill at all, the history is dropped and the next trial is a first step from the
    /// accepted point.
    /// </summary>
    private Tensor Retreat(Tensor s, double slope, double trialLoss)
    {
        LastAccepted = false;
        Rejected++;
        rejectedInARow++;
        if (rejectedInARow >= RejectionsBeforeRestart || !(slope < 0))
        {
            // Drop the history: its curvature led nowhere. The move back is to the accepted point, then a first step.
            count = 0;
            oldest = 0;
            withPreviousGradient = [];
            hessianDiagonal = 1;
            rejectedInARow = 0;
            var gradientL1 = previousGradient!.abs().sum().to(ScalarType.Float64).item<double>();
            return FirstStep(previousGradient, gradientL1).sub_(s);
        }

        var curvature = trialLoss - previousLoss - slope;
        var theta = double.IsFinite(trialLoss) && curvature > 0 ? Math.Clamp(-slope / (2 * curvature), 0.1, 0.5) : 0.1;
        return s * (theta - 1);
    }

    /// <summary>
    /// Stores the pair if it shows positive curvature and brings its column of S'Y and Y'Y up to date from
    /// <paramref name="withY"/> (the held pairs' inner products with y, taken before the pair took its slot); returns
    /// its slot, or -1 when it was skipped.
    /// </summary>
    private int Remember(Tensor s, Tensor y, double ys, double yNorm, double sNorm, ReadOnlySpan<double> withY)
    {
        // Skip pairs without clear positive curvature (cos(s, y) <= 1e-8). torch.optim.LBFGS compares ys with an
        // absolute 1e-10, which rejects every pair when the loss is small and leaves it stuck at gradient steps.
        if (!(ys > 1e-8 * Math.Sqrt(yNorm * sNorm)))
        {
            return -1;
        }

        int slot;
        if (count < historySize)
        {
            // The whole history at the first pair: on the CPU its pages become resident only as pairs are written, so
            // a short run does not pay for a long one's; on a GPU the run's memory estimate has counted it already.
            pairs ??= empty([historySize, 2, s.shape[0]], s.dtype, s.device).DetachFromDisposeScope();
            slot = count++;
        }
        else
        {
            slot = oldest;
            oldest = (oldest + 1) % historySize;
        }

        // Two copies, not one of a stacked pair: stacking would read and write both pictures once more.
        pairs!.select(0, slot).select(0, 0).copy_(s);
        pairs.select(0, slot).select(0, 1).copy_(y);
        for (var i = 0; i < withY.Length / 2; i++)
        {
            sy[i, slot] = withY[2 * i];
            yy[i, slot] = yy[slot, i] = withY[2 * i + 1];
        }

        sy[slot, slot] = ys;
        yy[slot, slot] = yNorm;
        hessianDiagonal = ys / yNorm;
        return slot;
    }

    /// <summary>
    /// The learning rate times -H g by theorem 2.2 with H0 = gamma I, given the held pairs' inner products with g by
    /// slot (s_i.g, y_i.g): the m x m systems here, then one pass over the history on the device.
    /// </summary>
    private Tensor Step(Tensor gradient, double[] withGradient)
    {
        var gamma = hessianDiagonal;
        if (count == 0)
        {
            return gradient * (-gamma * learningRate);
        }

        // Oldest to newest: the compact form's R is upper triangular in that order.
        var order = Enumerable.Range(0, count).Select(k => (oldest + k) % count).ToArray();
        var p = new double[count];
        for (var i = count - 1; i >= 0; i--)
        {
            var sum = withGradient[2 * order[i]];
            for (var j = i + 1; j < count; j++)
            {
                sum -= sy[order[i], order[j]] * p[j];
            }

            p[i] = sum / sy[order[i], order[i]];
        }

        var top = new double[count];
        for (var i = 0; i < count; i++)
        {
            var middle = sy[order[i], order[i]] * p[i] - gamma * withGradient[2 * order[i] + 1];
            for (var j = 0; j < count; j++)
            {
                middle += gamma * yy[order[i], order[j]] * p[j];
            }

            for (var j = 0; j < i; j++)
            {
                middle -= sy[order[j], order[i]] * top[j];
            }

            top[i] = middle / sy[order[i], order[i]];
        }

        // H g = gamma g + S top - gamma Y p, so -H g = -gamma g - S top + gamma Y p: the second pass over the history.
        var coefficients = new double[2 * count];
        for (var k = 0; k < count; k++)
        {
            coefficients[2 * order[k]] = -top[k] * learningRate;
            coefficients[2 * order[k] + 1] = gamma * p[k] * learningRate;
        }

        var held = pairs!.narrow(0, 0, count).reshape(2 * count, -1);
        return held.t().matmul(tensor(coefficients).to(gradient.dtype, gradient.device)).add_(gradient, -gamma * learningRate);
    }

    private static void Replace(ref Tensor? slot, Tensor value)
    {
        slot?.Dispose();
        slot = value.DetachFromDisposeScope();
    }

    public void Dispose()
    {
        pairs?.Dispose();
        previousGradient?.Dispose();
        previousPixels?.Dispose();
    }
}
