// Output shapes of the supported ONNX operators (https://onnx.ai/onnx/operators/) at the graph's declared input size.
namespace NeuralStyle.Engine.Backbones.Onnx;

/// <summary>
/// Works out every tensor's shape for one input shape, without running the graph. Tensors whose shape depends on
/// something unknown are left out.
/// </summary>
internal static class OnnxShapeInference
{
    public static Dictionary<string, long[]> Infer(OnnxGraph graph, string inputName, long[] inputShape)
    {
        var shapes = new Dictionary<string, long[]> { [inputName] = inputShape };
        foreach (var (name, t) in graph.Initializers)
        {
            shapes[name] = t.Dims;
        }

        foreach (var node in graph.Nodes)
        {
            if (node.Outputs.Count > 0 && OutputShape(node, shapes, graph) is { } shape)
            {
                shapes[node.Outputs[0]] = shape;
            }
        }

        return shapes;
    }

    private static long[]? OutputShape(OnnxNode node, Dictionary<string, long[]> shapes, OnnxGraph graph)
    {
        var inputs = node.Inputs.Select(i => shapes.GetValueOrDefault(i)).ToArray();
        if (inputs.Length == 0 || inputs[0] is not { } x)
        {
            return null;
        }

        switch (node.OpType)
        {
            case "Conv" when x.Length == 4 && inputs.Length > 1 && inputs[1] is { } w:
                return [x[0], w[0], .. SpatialWindow.Of(node, w).OutputSize(x[2..])];
            case "MaxPool" or "AveragePool" when x.Length == 4:
                return [x[0], x[1], .. SpatialWindow.Of(node, null).OutputSize(x[2..])];
            case "GlobalAveragePool" or "GlobalMaxPool" when x.Length == 4:
                return [x[0], x[1], 1, 1];
            case "BatchNormalization" or "Relu" or "Dropout" or "Identity":
                return x;
            case "Add" when inputs.Length == 2 && inputs[1] is { } y:
                return Broadcast(x, y);
            case "Flatten":
                var axis = (int)node.GetInt("axis", 1);
                return [x[..axis].Aggregate(1L, (a, b) => a * b), x[axis..].Aggregate(1L, (a, b) => a * b)];
            case "Gemm" when inputs.Length > 1 && inputs[1] is { } b:
                return [node.GetInt("transA", 0) == 1 ? x[1] : x[0], node.GetInt("transB", 0) == 1 ? b[0] : b[1]];
            case "MatMul" when x.Length == 2 && inputs.Length > 1 && inputs[1] is { Length: 2 } m:
                return [x[0], m[1]];
            case "Reshape" when node.Inputs.Count > 1 && graph.Initializers.GetValueOrDefault(node.Inputs[1])?.Int64s is { } target:
                return Reshaped(x, target);
            default:
                return null;
        }
    }

    private static long[] Broadcast(long[] x, long[] y)
    {
        var rank = Math.Max(x.Length, y.Length);
        var shape = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var a = i - (rank - x.Length) is var ia && ia >= 0 ? x[ia] : 1;
            var b = i - (rank - y.Length) is var ib && ib >= 0 ? y[ib] : 1;
            shape[i] = Math.Max(a, b);
        }

        return shape;
    }

    /// <summary>ONNX Reshape: 0 copies the input's dimension, -1 takes what is left.</summary>
    public static long[] Reshaped(long[] input, long[] target)
    {
        var shape = target.Select((d, i) => d == 0 ? input[i] : d).ToArray();
        var known = shape.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
        var total = input.Aggregate(1L, (a, b) => a * b);
        return [.. shape.Select(d => d == -1 ? total / known : d)];
    }
}
