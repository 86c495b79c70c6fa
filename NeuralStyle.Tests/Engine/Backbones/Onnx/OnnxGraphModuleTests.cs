using NeuralStyle.Engine.Backbones.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Backbones.Onnx;

public class OnnxGraphModuleTests
{
    [Fact]
    public void AsymmetricPadsPadOnlyTheSidesTheySay()
    {
        using var scope = NewDisposeScope();
        // Ones through a 2x2 ones kernel count the window's pixels inside the input; pads: top 1, right 1.
        using var graph = Load(new OnnxBuilder().Input("x", 1, 1, 3, 3).Initializer("w", [1, 1, 2, 2], [1, 1, 1, 1])
            .Node("Conv", ["x", "w"], "y", ("pads", new long[] { 1, 0, 0, 1 })).Output("y"));

        var y = graph.Run(ones(1, 1, 3, 3), ["y"])["y"];

        AssertEqual(new float[,] { { 2, 2, 1 }, { 4, 4, 2 }, { 4, 4, 2 } }, y);
    }

    [Fact]
    public void SamePaddingDeclaredForOneSizeIsRecomputedForAnother()
    {
        using var scope = NewDisposeScope();
        // At the declared 4x4, pads [1, 1, 0, 0] are "same" padding for a 3x3 stride-2 window; at 5x5 it is [1, 1, 1, 1].
        using var graph = Load(new OnnxBuilder().Input("x", 1, 1, 4, 4).Initializer("w", [1, 1, 3, 3], Enumerable.Repeat(1f, 9).ToArray())
            .Node("Conv", ["x", "w"], "y", ("strides", new long[] { 2, 2 }), ("pads", new long[] { 1, 1, 0, 0 })).Output("y"));

        var y = graph.Run(ones(1, 1, 5, 5), ["y"])["y"];

        AssertEqual(new float[,] { { 4, 6, 4 }, { 6, 9, 6 }, { 4, 6, 4 } }, y);
    }

    [Fact]
    public void PadsThatAreNotSamePaddingStayAsDeclared()
    {
        using var scope = NewDisposeScope();
        using var graph = Load(new OnnxBuilder().Input("x", 1, 1, 4, 4).Initializer("w", [1, 1, 3, 3], Enumerable.Repeat(1f, 9).ToArray())
            .Node("Conv", ["x", "w"], "y", ("strides", new long[] { 2, 2 }), ("pads", new long[] { 2, 2, 2, 2 })).Output("y"));

        var y = graph.Run(ones(1, 1, 6, 6), ["y"])["y"];

        // Windows start at -2, 0, 2, 4 and hold 1, 3, 3, 2 input pixels per axis; "same" padding would give 3 x 3.
        AssertEqual(new float[,] { { 1, 3, 3, 2 }, { 3, 9, 9, 6 }, { 3, 9, 9, 6 }, { 2, 6, 6, 4 } }, y);
    }

    [Theory]
    [InlineData(0L, 1f)]
    [InlineData(1L, 4f / 9)]
    public void AveragePoolCountsPaddingOnlyWhenAsked(long countIncludePad, float corner)
    {
        using var scope = NewDisposeScope();
        using var graph = Load(new OnnxBuilder().Input("x", 1, 1, 3, 3)
            .Node("AveragePool", ["x"], "y", ("kernel_shape", new long[] { 3, 3 }), ("pads", new long[] { 1, 1, 0, 0 }),
                ("count_include_pad", countIncludePad))
            .Output("y"));

        var y = graph.Run(ones(1, 1, 3, 3), ["y"])["y"];

        Assert.Equal([1L, 1, 2, 2], y.shape);
        Assert.Equal(corner, y[0, 0, 0, 0].item<float>(), 1e-6f);
        Assert.Equal(1f, y[0, 0, 1, 1].item<float>(), 1e-6f);
    }

    [Fact]
    public void MaxPoolNeverPicksItsPadding()
    {
        using var scope = NewDisposeScope();
        using var graph = Load(new OnnxBuilder().Input("x", 1, 1, 3, 3)
            .Node("MaxPool", ["x"], "y", ("kernel_shape", new long[] { 2, 2 }), ("pads", new long[] { 1, 1, 0, 0 })).Output("y"));

        var y = graph.Run(full(1, 1, 3, 3, -5f), ["y"])["y"];

        Assert.Equal([1L, 1, 3, 3], y.shape);
        Assert.Equal(-5f, y.max().item<float>());
    }

    [Fact]
    public void BatchNormalizationUsesTheStoredStatistics()
    {
        using var scope = NewDisposeScope();
        using var graph = Load(new OnnxBuilder().Input("x", 1, 2, 1, 1)
            .Initializer("scale", [2], [2, 1]).Initializer("bias", [2], [1, 0])
            .Initializer("mean", [2], [3, 0]).Initializer("var", [2], [4, 1])
            .Node("BatchNormalization", ["x", "scale", "bias", "mean", "var"], "y", ("epsilon", 0f), ("spatial", 1L))
            .Output("y"));

        var y = graph.Run(tensor(new[] { 5f, 7f }).view(1, 2, 1, 1), ["y"])["y"];

        // (x - mean) / sqrt(var + eps) * scale + bias: (5 - 3) / 2 * 2 + 1 = 3 and 7.
        Assert.Equal([3f, 7f], y.flatten().data<float>().ToArray());
    }

    [Fact]
    public void ABatchNormalisationFoldedIntoItsConvolutionGivesWhatTheTwoGiveInTurn()
    {
        using var scope = NewDisposeScope();
        // Two output channels, 2x2 kernels with a bias; then normalisation with per-channel statistics.
        float[] w = [1, -2, 0.5f, 3, -1, 0.25f, 2, 1];
        using var graph = Load(new OnnxBuilder().Input("x", 1, 1, 3, 3)
            .Initializer("w", [2, 1, 2, 2], w).Initializer("b", [2], [0.5f, -1])
            .Initializer("scale", [2], [2, -0.5f]).Initializer("shift", [2], [1, 3])
            .Initializer("mean", [2], [3, -2]).Initializer("var", [2], [4, 0.25f])
            .Node("Conv", ["x", "w", "b"], "conv")
            .Node("BatchNormalization", ["conv", "scale", "shift", "mean", "var"], "y", ("epsilon", 1e-3f))
            .Output("y"));
        var x = arange(9, ScalarType.Float32).view(1, 1, 3, 3).requires_grad_(true);

        Assert.Contains(graph.named_buffers(), b => b.name.StartsWith("folded_weight", StringComparison.Ordinal));
        var folded = graph.Run(x, ["y"])["y"];
        var both = graph.Run(x, ["conv", "y"]);

        var conv = nn.functional.conv2d(x, tensor(w).view(2, 1, 2, 2), tensor(new[] { 0.5f, -1f }));
        var expected = nn.functional.batch_norm(conv, tensor(new[] { 3f, -2f }), tensor(new[] { 4f, 0.25f }),
            tensor(new[] { 2f, -0.5f }), tensor(new[] { 1f, 3f }), training: false, eps: 1e-3);
        Assert.True(allclose(folded, expected, rtol: 1e-5, atol: 1e-5), $"folded {folded.flatten().str()} against {expected.flatten().str()}");
        Assert.True(allclose(both["y"], expected, rtol: 1e-5, atol: 1e-5));
        // Asked for by name, the convolution's own output is still the one before normalisation.
        Assert.True(allclose(both["conv"], conv, rtol: 1e-5, atol: 1e-5));
        // And the gradient reaches the input as through the two operators.
        var gradFolded = autograd.grad([folded.sum()], [x])[0];
        var gradExpected = autograd.grad([expected.sum()], [x])[0];
        Assert.True(allclose(gradFolded, gradExpected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void FlattenAndGemmFollowTheirDefinitions()
    {
        using var scope = NewDisposeScope();
        using var graph = Load(new OnnxBuilder().Input("x", 1, 2, 1, 1)
            .Initializer("b", [3, 2], [1, 0, 0, 1, 1, 1]).Initializer("c", [3], [10, 20, 30])
            .Node("Flatten", ["x"], "flat")
            .Node("Gemm", ["flat", "b", "c"], "y", ("transB", 1L), ("alpha", 2f), ("beta", 0.5f))
            .Output("y"));

        var y = graph.Run(tensor(new[] { 1f, 2f }).view(1, 2, 1, 1), ["y"])["y"];

        // 2 * [1, 2] . B^T + 0.5 * C = [2 + 5, 4 + 10, 6 + 15].
        Assert.Equal([7f, 14f, 21f], y.flatten().data<float>().ToArray());
    }

    [Fact]
    public void OnlyTheNodesARequestedTensorDependsOnRun()
    {
        using var scope = NewDisposeScope();
        using var graph = Load(new OnnxBuilder().Input("x", 1, 1, 4, 4)
            .Node("Relu", ["x"], "a").Node("Relu", ["x"], "side").Node("Add", ["a", "a"], "b").Node("Relu", ["b"], "c").Output("c"));

        graph.Run(ones(1, 1, 4, 4), ["b"]);

        Assert.Equal([0, 2], graph.NodesNeededFor(["b"]));
        Assert.Equal(2, graph.NodesExecuted);
    }

    [Fact]
    public void WeightsAreBuffersWithoutGradientsThatMoveWithTheModule()
    {
        using var scope = NewDisposeScope();
        using var graph = Load(new OnnxBuilder().Input("x", 1, 1, 3, 3).Initializer("w", [1, 1, 1, 1], [3])
            .Node("Conv", ["x", "w"], "y").Output("y"));

        graph.to(float64);
        var y = graph.Run(ones(1, 1, 3, 3, dtype: float64), ["y"])["y"];

        Assert.Empty(graph.parameters());
        Assert.All(graph.buffers(), b => Assert.False(b.requires_grad));
        Assert.Equal(float64, y.dtype);
        Assert.Equal(27.0, y.sum().item<double>());
    }

    [Fact]
    public void AnUnsupportedOperatorIsNamedWithTheFile()
    {
        var model = OnnxModelReader.Parse(new OnnxBuilder().Input("x", 1, 1, 2, 2).Node("Softmax", ["x"], "y").Output("y").Build(), "/models/softmax.onnx");

        var e = Assert.Throws<NotSupportedException>(() => new OnnxGraphModule(model));

        Assert.Contains("'/models/softmax.onnx'", e.Message);
        Assert.Contains("Softmax", e.Message);
    }

    [Fact]
    public void AskingForATensorTheGraphDoesNotComputeNamesIt()
    {
        using var graph = Load(new OnnxBuilder().Input("x", 1, 1, 2, 2).Node("Relu", ["x"], "y").Output("y"));

        var e = Assert.Throws<ArgumentException>(() => graph.NodesNeededFor(["conv9"]));

        Assert.Contains("'conv9'", e.Message);
    }

    private static OnnxGraphModule Load(OnnxBuilder builder) => new(OnnxModelReader.Parse(builder.Build(), "test.onnx"));

    private static void AssertEqual(float[,] expected, Tensor actual)
    {
        Assert.Equal([1L, 1, expected.GetLength(0), expected.GetLength(1)], actual.shape);
        Assert.Equal(expected.Cast<float>(), actual.flatten().data<float>().ToArray());
    }
}
