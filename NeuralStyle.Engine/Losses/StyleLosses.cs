// Losses of Gatys, Ecker and Bethge, "Image Style Transfer Using Convolutional Neural Networks", CVPR 2016, section 2.
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Losses;

/// <summary>
/// The paper's equations as pure functions. Shapes follow the paper: a layer with N_l filters has feature maps of
/// size M_l = height x width; F is N_l x M_l. Inputs here are 1 x N x H x W activations.
/// </summary>
/// <remarks>
/// Each equation takes as few tensor operators as it can: a sum of squared differences is one <c>mse_loss</c> with
/// <c>Reduction.Sum</c>, a weighted sum one <c>add</c> with its weight as alpha. On a GPU every operator costs the host
/// roughly 10 to 20 microseconds to launch, however small its tensors, which at 512 px is more than their arithmetic.
/// </remarks>
public static class StyleLosses
{
    /// <summary>Equation 1: L_content = 1/2 sum_ij (F_ij - P_ij)^2, a scalar.</summary>
    /// <param name="features">F: the generated picture's activations, 1 x N x H x W.</param>
    /// <param name="target">P: the photo's activations at the same layer, same shape.</param>
    public static Tensor ContentLoss(Tensor features, Tensor target)
    {
        using var scope = NewDisposeScope();
        RequireSameShape(features, target);
        return nn.functional.mse_loss(features, target, nn.Reduction.Sum).mul_(0.5).MoveToOuterDisposeScope();
    }

    /// <summary>Equation 3: G_ij = sum_k F_ik F_jk, the N x N inner products of the vectorised feature maps.</summary>
    /// <remarks>
    /// Its gradient, (dG + dG^T) F, takes one N x N by N x M product. Autograd's own for F F^T takes two, one per
    /// factor, and adds a transposed N x M copy: at VGG19's conv1_1 on a 512 px picture that was 270 ms of a step on one
    /// CPU core against 100 ms this way. Here the right factor is held constant and the product enters as H + H^T - H
    /// (H constant in the last term): the value is still F F^T, and the gradient reaching H is dG + dG^T.
    /// </remarks>
    /// <param name="features">1 x N x H x W activations.</param>
    public static Tensor GramMatrix(Tensor features)
    {
        using var scope = NewDisposeScope();
        if (features.dim() != 4 || features.shape[0] != 1)
        {
            throw new ArgumentException($"Expected 1 x N x H x W activations, got [{string.Join(", ", features.shape)}].", nameof(features));
        }

        var f = features.reshape(features.shape[1], -1); // N x M
        var half = f.matmul(f.detach().t());
        return (half + half.t() - half.detach()).MoveToOuterDisposeScope();
    }

    /// <summary>Equation 4: E_l = 1/(4 N_l^2 M_l^2) sum_ij (G_ij - A_ij)^2, a scalar.</summary>
    /// <param name="gram">G: the generated picture's Gram matrix, N x N.</param>
    /// <param name="targetGram">A: the style picture's Gram matrix, N x N, taken at M_l positions.</param>
    /// <param name="positions">M_l, the number of positions (height x width) G was summed over.</param>
    public static Tensor StyleLayerLoss(Tensor gram, Tensor targetGram, long positions)
    {
        using var scope = NewDisposeScope();
        RequireSameShape(gram, targetGram);
        var n = (double)gram.shape[0];
        var m = (double)positions;
        return nn.functional.mse_loss(gram, targetGram, nn.Reduction.Sum).div_(4 * n * n * m * m).MoveToOuterDisposeScope();
    }

    /// <summary>Equation 5: L_style = sum_l w_l E_l over the style layers.</summary>
    /// <param name="layerLosses">E_l for each layer.</param>
    /// <param name="weights">w_l for each layer, same order.</param>
    public static Tensor StyleLoss(IReadOnlyList<Tensor> layerLosses, IReadOnlyList<double> weights)
    {
        using var scope = NewDisposeScope();
        if (layerLosses.Count != weights.Count || layerLosses.Count == 0)
        {
            throw new ArgumentException($"Need one weight per style layer, got {layerLosses.Count} losses and {weights.Count} weights.");
        }

        var total = layerLosses[0] * weights[0];
        for (var l = 1; l < layerLosses.Count; l++)
        {
            total = total.add(layerLosses[l], weights[l]);
        }

        return total.MoveToOuterDisposeScope();
    }

    /// <summary>Equation 7: L_total = alpha L_content + beta L_style, plus the peers' total-variation term tv L_tv.</summary>
    public static Tensor TotalLoss(Tensor contentLoss, Tensor styleLoss, Tensor tvLoss, double alpha, double beta, double tv)
    {
        using var scope = NewDisposeScope();
        var total = (contentLoss * alpha).add(styleLoss, beta);
        return (tv == 0 ? total : total.add(tvLoss, tv)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Total variation (not in the paper; jcjohnson/neural-style and the PyTorch peers add it to suppress
    /// high-frequency noise): the sum of squared differences between vertically and horizontally adjacent pixels
    /// of a 1 x 3 x H x W picture in 0..1.
    /// </summary>
    public static Tensor TotalVariation(Tensor image)
    {
        using var scope = NewDisposeScope();
        var h = image.shape[2];
        var w = image.shape[3];
        var vertical = nn.functional.mse_loss(image[.., .., 1..(int)h, ..], image[.., .., 0..(int)(h - 1), ..], nn.Reduction.Sum);
        var horizontal = nn.functional.mse_loss(image[.., .., .., 1..(int)w], image[.., .., .., 0..(int)(w - 1)], nn.Reduction.Sum);
        return vertical.add_(horizontal).MoveToOuterDisposeScope();
    }

    private static void RequireSameShape(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
        {
            throw new ArgumentException($"Shapes differ: [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}].");
        }
    }
}
