// Operator semantics from the ONNX operator specs (https://onnx.ai/onnx/operators/), inference only.
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.Engine.Backbones.Onnx;

public sealed partial class OnnxGraphModule
{
    private Tensor Execute(int index, OnnxNode node, Func<string, Tensor> input)
    {
        var x = input(node.Inputs[0]);
        Tensor? Optional(int i) => node.Inputs.Count > i && node.Inputs[i].Length > 0 ? input(node.Inputs[i]) : null;
        return node.OpType switch
        {
            "Conv" => Convolution(x, input(node.Inputs[1]), Optional(2), _windows[index], node.GetInt("group", 1)),
            "BatchNormalization" => BatchNorm(x, input(node.Inputs[1]), input(node.Inputs[2]), input(node.Inputs[3]), input(node.Inputs[4]), node.GetFloat("epsilon", 1e-5f)),
            "Relu" => relu(x),
            "Add" => x + input(node.Inputs[1]),
            "MaxPool" => MaxPool(x, _windows[index]),
            "AveragePool" => AveragePool(x, _windows[index], node.GetInt("count_include_pad", 0) == 1),
            "GlobalAveragePool" => x.mean([2, 3], keepdim: true),
            "GlobalMaxPool" => x.amax([2, 3], keepdim: true),
            "Flatten" => Flatten(x, (int)node.GetInt("axis", 1)),
            "Gemm" => Gemm(node, x, input(node.Inputs[1]), Optional(2)),
            "MatMul" => x.matmul(input(node.Inputs[1])),
            "Reshape" => x.reshape(OnnxShapeInference.Reshaped(x.shape, ReshapeTarget(node))),
            "Dropout" or "Identity" => x.alias(),
            _ => throw new NotSupportedException($"'{Path}': {node} cannot be run."),
        };
    }

    private static Tensor Convolution(Tensor x, Tensor weight, Tensor? bias, SpatialWindow window, long groups)
    {
        var pads = window.PadsFor(SpatialSize(x));
        if (pads[0] == pads[2] && pads[1] == pads[3])
        {
            return conv2d(x, weight, bias, window.Strides, [pads[0], pads[1]], window.Dilations, groups);
        }

        return conv2d(Padded(x, pads, 0), weight, bias, window.Strides, [0, 0], window.Dilations, groups);
    }

    /// <summary>Inference batch normalisation; per-activation parameters (CNTK's spatial = 0) broadcast over N.</summary>
    private static Tensor BatchNorm(Tensor x, Tensor scale, Tensor bias, Tensor mean, Tensor variance, float epsilon)
    {
        if (scale.dim() == 1)
        {
            return batch_norm(x, mean, variance, scale, bias, training: false, eps: epsilon);
        }

        long[] perActivation = [1, .. x.shape[1..]];
        return (x - mean.reshape(perActivation)) / (variance.reshape(perActivation) + epsilon).sqrt() * scale.reshape(perActivation)
            + bias.reshape(perActivation);
    }

    private static Tensor MaxPool(Tensor x, SpatialWindow window)
    {
        var size = SpatialSize(x);
        return max_pool2d(Padded(x, window.PadsFor(size), double.NegativeInfinity), window.KernelFor(size), window.Strides,
            [0, 0], window.Dilations, window.CeilMode);
    }

    private static Tensor AveragePool(Tensor x, SpatialWindow window, bool countIncludePad)
    {
        var size = SpatialSize(x);
        if (window.Rule == PaddingRule.Global)
        {
            return x.mean([2, 3], keepdim: true);
        }

        var pads = window.PadsFor(size);
        var kernel = window.KernelFor(size);
        var sums = avg_pool2d(Padded(x, pads, 0), kernel, window.Strides, [0, 0], window.CeilMode, count_include_pad: true);
        if (countIncludePad || pads.All(p => p == 0))
        {
            return sums;
        }

        // Share of each window that lies inside the input: dividing by it leaves the pad out of the average.
        using var inside = ones(1, 1, size[0], size[1], dtype: x.dtype, device: x.device);
        return sums / avg_pool2d(Padded(inside, pads, 0), kernel, window.Strides, [0, 0], window.CeilMode, count_include_pad: true);
    }

    private static Tensor Flatten(Tensor x, int axis)
    {
        var outer = x.shape[..axis].Aggregate(1L, (a, b) => a * b);
        return x.reshape(outer, -1);
    }

    private static Tensor Gemm(OnnxNode node, Tensor a, Tensor b, Tensor? c)
    {
        var left = node.GetInt("transA", 0) == 1 ? a.t() : a;
        var right = node.GetInt("transB", 0) == 1 ? b.t() : b;
        var product = left.matmul(right) * node.GetFloat("alpha", 1f);
        return c is null ? product : product + c * node.GetFloat("beta", 1f);
    }

    private long[] ReshapeTarget(OnnxNode node) =>
        node.GetInts("shape")
        ?? (node.Inputs.Count > 1 ? _graph.Initializers.GetValueOrDefault(node.Inputs[1])?.Int64s : null)
        ?? throw new NotSupportedException($"'{Path}': {node} takes its shape from a computed tensor; only constant shapes are supported.");

    private static Tensor Padded(Tensor x, long[] pads, double value) =>
        pads.All(p => p == 0) ? x : pad(x, [pads[1], pads[3], pads[0], pads[2]], value: value);

    private static long[] SpatialSize(Tensor x) => [x.shape[2], x.shape[3]];
}
