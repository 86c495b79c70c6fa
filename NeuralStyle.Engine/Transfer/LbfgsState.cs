// L-BFGS as in Nocedal and Wright, "Numerical Optimization" (2006), algorithm 7.4, without line search, following
// torch.optim.LBFGS and jcjohnson/neural-style (one evaluation per iteration, fixed step after the first); the
// product with the inverse Hessian in the compact form of Byrd, Nocedal and Schnabel, "Representations of quasi-Newton
// matrices and their use in limited memory methods" (Mathematical Programming 63, 1994), theorem 2.2.
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>
/// The curvature history and step rule of L-BFGS for one picture, apart from any parameter, so that one optimiser can
/// keep a separate state for each picture of a batch. The history lives outside every dispose scope and belongs to
/// this object; everything else <see cref="Displacement"/> creates dies with the caller's scope, and all of it stays
/// on the device. Unlike torch.optim.LBFGS, the curvature test is relative (see <see cref="Remember"/>), because this
/// loss's scale spans many orders of magnitude with the backbone, picture size and weights.
/// </summary>
/// <remarks>
/// The two-loop recursion makes four vector operations per stored pair, each reading whole pictures and writing some:
/// with 100 pairs at 512 px on one CPU core a step cost 720 ms against the network pass's 453 ms. The compact form
/// reads the history three times instead, as matrix-vector products over the stacked pairs (the new pair's inner products with the old
/// ones, the gradient's, and the direction), about 26 ms each there, and solves two small triangular systems in double
/// precision in between.
/// </remarks>
internal sealed class LbfgsState(double learningRate, int historySize) : IDisposable
{
    /// <summary>Pair slots, m x 2 x n: [i, 0] is s_i, [i, 1] is y_i; filled in order, then a ring.</summary>
    private Tensor? pairs;

    /// <summary>s_i . y_j and y_i . y_j by slot, in double precision; only entries whose pairs are both held are read.</summary>
    private Tensor? sy;
    private Tensor? yy;

    private int count;
    private int oldest;
    private Tensor? previousGradient;
    private Tensor? previousPixels;
    private double hessianDiagonal = 1;
    private int iterations;

    /// <summary>Curvature pairs held now.</summary>
    public int HistoryCount => count;

    /// <summary>
    /// The move to add to <paramref name="pixels"/> (flat, where the gradient was taken) given this evaluation's flat
    /// <paramref name="gradient"/>. Call under no_grad, once per evaluation.
    /// </summary>
    public Tensor Displacement(Tensor pixels, Tensor gradient)
    {
        iterations++;
        Tensor? newY = null;
        var newSlot = -1;
        if (previousGradient is not null && previousPixels is not null)
        {
            // The displacement actually taken, which differs from the planned step where the caller clipped pixels.
            var y = gradient - previousGradient;
            newSlot = Remember(pixels - previousPixels, y);
            newY = newSlot >= 0 ? y : null;
        }

        var direction = Direction(gradient, newY, newSlot);
        // The first step is scaled so its length does not depend on the loss's units (torch.optim.LBFGS).
        var stepSize = iterations == 1 ? Math.Min(1.0, 1.0 / gradient.abs().sum().to(ScalarType.Float64).item<double>()) * learningRate : learningRate;
        Replace(ref previousGradient, gradient.clone());
        Replace(ref previousPixels, pixels.clone());
        return direction * stepSize;
    }

    /// <summary>Stores the pair if it shows positive curvature; returns its slot, or -1 when it was skipped.</summary>
    private int Remember(Tensor s, Tensor y)
    {
        // One device-to-host copy for the three products, not three.
        var products = stack([y.dot(s), y.dot(y), s.dot(s)]).to(ScalarType.Float64).cpu().data<double>().ToArray();
        var (ys, yy, ss) = (products[0], products[1], products[2]);
        // Skip pairs without clear positive curvature (cos(s, y) <= 1e-8). torch.optim.LBFGS compares ys with an
        // absolute 1e-10, which rejects every pair when the loss is small and leaves it stuck at gradient steps.
        if (!(ys > 1e-8 * Math.Sqrt(yy * ss)))
        {
            return -1;
        }

        int slot;
        if (count < historySize)
        {
            Reserve(s);
            slot = count++;
        }
        else
        {
            slot = oldest;
            oldest = (oldest + 1) % historySize;
        }

        pairs![slot, 0].copy_(s);
        pairs[slot, 1].copy_(y);
        hessianDiagonal = ys / yy;
        return slot;
    }

    /// <summary>
    /// Allocates the whole history at the first pair. On the CPU its pages become resident only as pairs are written,
    /// so a short run does not pay for a long one's history; on a GPU the run's memory estimate has counted it already.
    /// </summary>
    private void Reserve(Tensor like)
    {
        if (pairs is not null)
        {
            return;
        }

        pairs = empty([historySize, 2, like.shape[0]], like.dtype, like.device).DetachFromDisposeScope();
        sy = zeros([historySize, historySize], ScalarType.Float64, like.device).DetachFromDisposeScope();
        yy = zeros([historySize, historySize], ScalarType.Float64, like.device).DetachFromDisposeScope();
    }

    /// <summary>-H g by theorem 2.2 with H0 = gamma I; first brings the new pair's column of S'Y and Y'Y up to date.</summary>
    private Tensor Direction(Tensor gradient, Tensor? newY, int newSlot)
    {
        var gamma = hessianDiagonal;
        if (count == 0)
        {
            return gradient * -gamma;
        }

        var stacked = pairs!.narrow(0, 0, count).reshape(2 * count, -1);
        // Matrix-vector products, one per vector: on the CPU a product with two columns at once took three times as long.
        if (newY is not null)
        {
            var withNew = stacked.matmul(newY).to(ScalarType.Float64).view(count, 2);
            sy!.select(1, newSlot).narrow(0, 0, count).copy_(withNew[.., 0]);
            yy!.select(1, newSlot).narrow(0, 0, count).copy_(withNew[.., 1]);
            yy.select(0, newSlot).narrow(0, 0, count).copy_(withNew[.., 1]);
        }

        var products = stacked.matmul(gradient).to(ScalarType.Float64).view(count, 2);

        // Oldest to newest: the compact form's R is upper triangular in that order.
        var order = (arange(count, ScalarType.Int64, gradient.device) + oldest).remainder(count);
        var a = products[.., 0].index_select(0, order).unsqueeze(1);
        var b = products[.., 1].index_select(0, order).unsqueeze(1);
        var r = sy!.index_select(0, order).index_select(1, order).triu();
        var yty = yy!.index_select(0, order).index_select(1, order);

        var p = linalg.solve_triangular(r, a, upper: true);
        var middle = r.diagonal().unsqueeze(1) * p + gamma * yty.matmul(p) - gamma * b;
        var top = linalg.solve_triangular(r.t(), middle, upper: false);

        // H g = gamma g + S top - gamma Y p, so -H g = -gamma g - S top + gamma Y p: the second pass over the history.
        var coefficients = zeros([count, 2], ScalarType.Float64, gradient.device);
        coefficients.index_copy_(0, order, cat([-top, gamma * p], 1));
        return stacked.t().matmul(coefficients.reshape(-1).to(gradient.dtype)) - gamma * gradient;
    }

    private static void Replace(ref Tensor? slot, Tensor value)
    {
        slot?.Dispose();
        slot = value.DetachFromDisposeScope();
    }

    public void Dispose()
    {
        pairs?.Dispose();
        sy?.Dispose();
        yy?.Dispose();
        previousGradient?.Dispose();
        previousPixels?.Dispose();
    }
}
