using NeuralStyle.Engine.Losses;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Losses;

public class StyleLossesTests
{
    // F and P: one layer with N = 2 filters on a 1 x 2 map (M = 2 positions).
    private static readonly float[] F = [1, 2, 3, 4];
    private static readonly float[] P = [0, 2, 5, 1];

    private static Tensor Features(float[] values) => tensor(values).reshape(1, 2, 1, 2);

    [Fact]
    public void ContentLossIsHalfTheSumOfSquaredDifferences()
    {
        using var scope = NewDisposeScope();
        // Eq. 1: 1/2 * ((1-0)^2 + (2-2)^2 + (3-5)^2 + (4-1)^2) = 1/2 * (1 + 0 + 4 + 9) = 7
        Assert.Equal(7.0, StyleLosses.ContentLoss(Features(F), Features(P)).item<float>(), 5);
    }

    [Fact]
    public void GramMatrixHoldsInnerProductsOfFeatureMaps()
    {
        using var scope = NewDisposeScope();
        // Eq. 3: rows F_1 = (1, 2), F_2 = (3, 4): G = [[1+4, 3+8], [3+8, 9+16]]
        var gram = StyleLosses.GramMatrix(Features(F));
        Assert.Equal(new long[] { 2, 2 }, gram.shape);
        Assert.Equal(new float[] { 5, 11, 11, 25 }, gram.data<float>().ToArray());
    }

    [Fact]
    public void StyleLayerLossFollowsEquationFour()
    {
        using var scope = NewDisposeScope();
        var g = StyleLosses.GramMatrix(Features(F)); // [[5, 11], [11, 25]]
        var a = StyleLosses.GramMatrix(Features(P)); // rows (0, 2), (5, 1): [[4, 2], [2, 26]]
        // sum (G - A)^2 = 1 + 81 + 81 + 1 = 164; N = 2, M = 2: E = 164 / (4 * 4 * 4) = 2.5625
        Assert.Equal(2.5625, StyleLosses.StyleLayerLoss(g, a, positions: 2).item<float>(), 5);
    }

    [Fact]
    public void StyleLayerGradientFollowsEquationSix()
    {
        using var scope = NewDisposeScope();
        var f = Features(F).requires_grad_(true);
        StyleLosses.StyleLayerLoss(StyleLosses.GramMatrix(f), StyleLosses.GramMatrix(Features(P)), positions: 2).backward();

        // Eq. 6: dE/dF = 1 / (N^2 M^2) (F^T (G - A))^T = (G - A) F / 16, with G - A = [[1, 9], [9, -1]], F = [[1, 2], [3, 4]].
        Assert.Equal(new[] { 28 / 16f, 38 / 16f, 6 / 16f, 14 / 16f }, f.grad!.data<float>().ToArray());
    }

    [Fact]
    public void GramGradientIsRightForAnyUpstreamGradient()
    {
        using var scope = NewDisposeScope();
        var f = Features(F).requires_grad_(true);
        var upstream = tensor(new float[] { 1, 2, -3, 0.5f }).reshape(2, 2);
        (StyleLosses.GramMatrix(f) * upstream).sum().backward();

        // d sum(W o F F^T) / dF = (W + W^T) F: [[2, -1], [-1, 1]] [[1, 2], [3, 4]] = [[-1, 0], [2, 2]].
        Assert.Equal(new float[] { -1, 0, 2, 2 }, f.grad!.data<float>().ToArray());
    }

    [Fact]
    public void StyleLossIsZeroForIdenticalImages()
    {
        using var scope = NewDisposeScope();
        var g = StyleLosses.GramMatrix(Features(F));
        var e = StyleLosses.StyleLayerLoss(g, g.clone(), positions: 2);
        Assert.Equal(0f, StyleLosses.StyleLoss([e, e], [0.5, 0.5]).item<float>());
    }

    [Fact]
    public void StyleLossWeighsEachLayer()
    {
        using var scope = NewDisposeScope();
        // Eq. 5 with w = (1/5, 4/5): 0.2 * 10 + 0.8 * 2.5 = 4
        var total = StyleLosses.StyleLoss([tensor(10f), tensor(2.5f)], [0.2, 0.8]);
        Assert.Equal(4.0, total.item<float>(), 5);
    }

    [Fact]
    public void TotalLossCombinesContentAndStyleByAlphaAndBeta()
    {
        using var scope = NewDisposeScope();
        // Eq. 7 with alpha = 1e-3, beta = 1 and TV weight 2: 1e-3 * 7 + 1 * 2.5625 + 2 * 3
        var total = StyleLosses.TotalLoss(tensor(7f), tensor(2.5625f), tensor(3f), 1e-3, 1, 2);
        Assert.Equal(8.5695, total.item<float>(), 4);
    }

    [Fact]
    public void TotalVariationSumsSquaredNeighbourDifferences()
    {
        using var scope = NewDisposeScope();
        // One channel shown (the other two are zero): [[0, 1], [3, 5]]
        // vertical: (3-0)^2 + (5-1)^2 = 25; horizontal: (1-0)^2 + (5-3)^2 = 5
        var image = zeros(1, 3, 2, 2);
        image[0, 0] = tensor(new float[] { 0, 1, 3, 5 }).reshape(2, 2);
        Assert.Equal(30f, StyleLosses.TotalVariation(image).item<float>());
        Assert.Equal(0f, StyleLosses.TotalVariation(ones(1, 3, 4, 4)).item<float>());
    }

    [Fact]
    public void ContentLossRefusesDifferentShapes()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => StyleLosses.ContentLoss(zeros(1, 2, 2, 2), zeros(1, 2, 2, 3)));
        Assert.Contains("Shapes differ", error.Message);
    }
}
