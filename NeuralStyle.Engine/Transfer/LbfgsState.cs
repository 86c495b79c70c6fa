// L-BFGS as in Nocedal and Wright, "Numerical Optimization" (2006), algorithm 7.4, without line search, following
// torch.optim.LBFGS and jcjohnson/neural-style (one evaluation per iteration, fixed step after the first).
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>
/// The curvature history and step rule of L-BFGS for one picture, apart from any parameter, so that one optimiser can
/// keep a separate state for each picture of a batch. The history lives outside every dispose scope and belongs to
/// this object; everything else <see cref="Displacement"/> creates dies with the caller's scope, and all of it stays
/// on the device. Unlike torch.optim.LBFGS, the curvature test is relative (see <see cref="Remember"/>), because this
/// loss's scale spans many orders of magnitude with the backbone, picture size and weights.
/// </summary>
internal sealed class LbfgsState(double learningRate, int historySize) : IDisposable
{
    private readonly LinkedList<(Tensor S, Tensor Y, double Rho)> history = new();
    private Tensor? previousGradient;
    private Tensor? previousPixels;
    private double hessianDiagonal = 1;
    private int iterations;

    /// <summary>Curvature pairs held now; each costs four vector operations per step in the two-loop recursion.</summary>
    public int HistoryCount => history.Count;

    /// <summary>
    /// The move to add to <paramref name="pixels"/> (flat, where the gradient was taken) given this evaluation's flat
    /// <paramref name="gradient"/>. Call under no_grad, once per evaluation.
    /// </summary>
    public Tensor Displacement(Tensor pixels, Tensor gradient)
    {
        iterations++;
        if (previousGradient is not null && previousPixels is not null)
        {
            // The displacement actually taken, which differs from the planned step where the caller clipped pixels.
            Remember(pixels - previousPixels, gradient - previousGradient);
        }

        var direction = TwoLoopRecursion(gradient);
        // The first step is scaled so its length does not depend on the loss's units (torch.optim.LBFGS).
        var stepSize = iterations == 1 ? Math.Min(1.0, 1.0 / gradient.abs().sum().item<float>()) * learningRate : learningRate;
        Replace(ref previousGradient, gradient.clone());
        Replace(ref previousPixels, pixels.clone());
        return direction * stepSize;
    }

    private void Remember(Tensor s, Tensor y)
    {
        // One device-to-host copy for the three products, not three.
        var products = stack([y.dot(s), y.dot(y), s.dot(s)]).cpu().data<float>().ToArray();
        var (ys, yy, ss) = (products[0], products[1], products[2]);
        // Skip pairs without clear positive curvature (cos(s, y) <= 1e-8). torch.optim.LBFGS compares ys with an
        // absolute 1e-10, which rejects every pair when the loss is small and leaves it stuck at gradient steps.
        if (!(ys > 1e-8 * Math.Sqrt(yy * ss)))
        {
            return;
        }

        if (history.Count == historySize)
        {
            var oldest = history.First!.Value;
            oldest.S.Dispose();
            oldest.Y.Dispose();
            history.RemoveFirst();
        }

        history.AddLast((Keep(s.clone()), Keep(y.clone()), 1.0 / ys));
        hessianDiagonal = ys / yy;
    }

    private Tensor TwoLoopRecursion(Tensor gradient)
    {
        // The coefficients stay on the device: no host round trip per history entry.
        var q = gradient.neg();
        var alphas = new Stack<Tensor>();
        for (var node = history.Last; node is not null; node = node.Previous)
        {
            var (s, y, rho) = node.Value;
            var alpha = s.dot(q) * rho;
            alphas.Push(alpha);
            q = q - y * alpha;
        }

        var r = q * hessianDiagonal;
        foreach (var (s, y, rho) in history)
        {
            var beta = y.dot(r) * rho;
            r = r + s * (alphas.Pop() - beta);
        }

        return r;
    }

    private static void Replace(ref Tensor? slot, Tensor value)
    {
        slot?.Dispose();
        slot = Keep(value);
    }

    private static Tensor Keep(Tensor tensor) => tensor.DetachFromDisposeScope();

    public void Dispose()
    {
        foreach (var (s, y, _) in history)
        {
            s.Dispose();
            y.Dispose();
        }

        history.Clear();
        previousGradient?.Dispose();
        previousPixels?.Dispose();
    }
}
