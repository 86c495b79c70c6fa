namespace NeuralStyle.Tests.Engine.Backbones.Onnx;

/// <summary>Builds small ONNX models (field numbers from onnx.proto) for tests.</summary>
internal sealed class OnnxBuilder
{
    private readonly ProtoWriter _graph = new();

    /// <summary>Adds a node; attribute values may be long, float, string, long[] or float[].</summary>
    public OnnxBuilder Node(string opType, string[] inputs, string output, params (string Name, object Value)[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        node.String(2, output).String(3, output + "_node").String(4, opType);
        foreach (var (name, value) in attributes)
        {
            var a = new ProtoWriter().String(1, name);
            _ = value switch
            {
                long i => a.Varint(3, i).Varint(20, 2),
                float f => a.Float(2, f).Varint(20, 1),
                string s => a.String(4, s).Varint(20, 3),
                long[] ints => a.PackedVarints(8, ints).Varint(20, 7),
                float[] floats => a.PackedFloats(7, floats).Varint(20, 6),
                _ => throw new ArgumentException($"Unsupported attribute value {value}."),
            };
            node.Message(5, a);
        }

        _graph.Message(1, node);
        return this;
    }

    /// <summary>Adds a float32 initializer, in float_data or (with <paramref name="raw"/>) in raw_data.</summary>
    public OnnxBuilder Initializer(string name, long[] dims, float[] values, bool raw = false)
    {
        var t = new ProtoWriter().PackedVarints(1, dims).Varint(2, 1).String(8, name);
        if (raw)
        {
            var bytes = new byte[values.Length * 4];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            t.Bytes(9, bytes);
        }
        else
        {
            t.PackedFloats(4, values);
        }

        _graph.Message(5, t);
        return this;
    }

    /// <summary>Adds an int64 initializer (a Reshape target, for example).</summary>
    public OnnxBuilder Int64Initializer(string name, long[] values)
    {
        _graph.Message(5, new ProtoWriter().PackedVarints(1, [values.Length]).Varint(2, 7).String(8, name).PackedVarints(7, values));
        return this;
    }

    public OnnxBuilder Input(string name, params long[] dims)
    {
        _graph.Message(11, ValueInfo(name, dims));
        return this;
    }

    public OnnxBuilder Output(string name, params long[] dims)
    {
        _graph.Message(12, ValueInfo(name, dims));
        return this;
    }

    public byte[] Build(long opset = 13) =>
        new ProtoWriter()
            .Varint(1, 7)
            .String(2, "NeuralStyle.Tests")
            .Message(7, _graph.String(2, "test"))
            .Message(8, new ProtoWriter().String(1, "").Varint(2, opset))
            .ToArray();

    /// <summary>
    /// Bytes that, appended to a serialised model, add graph outputs: protobuf merges a repeated message field's
    /// entries, so the runtime sees the original graph with these extra outputs.
    /// </summary>
    public static byte[] ExtraOutputs(IEnumerable<string> names)
    {
        var graph = new ProtoWriter();
        foreach (var name in names)
        {
            graph.Message(12, ValueInfo(name, []));
        }

        return new ProtoWriter().Message(7, graph).ToArray();
    }

    private static ProtoWriter ValueInfo(string name, long[] dims)
    {
        var tensorType = new ProtoWriter().Varint(1, 1);
        if (dims.Length > 0)
        {
            var shape = new ProtoWriter();
            foreach (var d in dims)
            {
                shape.Message(1, new ProtoWriter().Varint(1, d));
            }

            tensorType.Message(2, shape);
        }

        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
