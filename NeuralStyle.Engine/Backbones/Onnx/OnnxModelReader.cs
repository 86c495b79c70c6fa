// Field numbers from onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto), IR versions 3 to 10.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuralStyle.Engine.Backbones.Onnx;

/// <summary>
/// Reads ONNX model files without a protobuf library: nodes, float32 and int64 initializers, and declared inputs
/// and outputs. Damaged files throw <see cref="InvalidDataException"/> naming the file and what is wrong.
/// </summary>
public static class OnnxModelReader
{
    /// <summary>Reads the model at <paramref name="path"/>.</summary>
    public static OnnxModel Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses a model held in memory; <paramref name="path"/> names it in messages.</summary>
    public static OnnxModel Parse(ReadOnlySpan<byte> bytes, string path)
    {
        try
        {
            return ParseModel(new ProtoReader(bytes), path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}' is not a readable ONNX model: {e.Message}", e);
        }
    }

    private static OnnxModel ParseModel(ProtoReader r, string path)
    {
        var producer = "";
        long opset = 0;
        OnnxGraph? graph = null;
        while (r.Next())
        {
            switch (r.FieldNumber)
            {
                case 2:
                    producer = r.ReadString();
                    break;
                case 7:
                    graph = ParseGraph(r.ReadMessage());
                    break;
                case 8:
                    opset = Math.Max(opset, ParseDefaultOpset(r.ReadMessage()));
                    break;
                default:
                    r.Skip();
                    break;
            }
        }

        if (graph is null || graph.Nodes.Count == 0)
        {
            throw new InvalidDataException("the file holds no graph with nodes.");
        }

        return new OnnxModel(path, producer, opset, graph);
    }

    private static long ParseDefaultOpset(ProtoReader r)
    {
        var domain = "";
        long version = 0;
        while (r.Next())
        {
            switch (r.FieldNumber)
            {
                case 1:
                    domain = r.ReadString();
                    break;
                case 2:
                    version = r.ReadInt64();
                    break;
                default:
                    r.Skip();
                    break;
            }
        }

        return domain is "" or "ai.onnx" ? version : 0;
    }

    private static OnnxGraph ParseGraph(ProtoReader r)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxTensor>();
        var inputs = new List<OnnxValueInfo>();
        var outputs = new List<OnnxValueInfo>();
        while (r.Next())
        {
            switch (r.FieldNumber)
            {
                case 1:
                    nodes.Add(ParseNode(r.ReadMessage()));
                    break;
                case 5:
                    var t = ParseTensor(r.ReadMessage());
                    initializers[t.Name] = t;
                    break;
                case 11:
                    inputs.Add(ParseValueInfo(r.ReadMessage()));
                    break;
                case 12:
                    outputs.Add(ParseValueInfo(r.ReadMessage()));
                    break;
                default:
                    r.Skip();
                    break;
            }
        }

        return new OnnxGraph(nodes, initializers, inputs, outputs);
    }

    private static OnnxNode ParseNode(ProtoReader r)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var name = "";
        var opType = "";
        var attributes = new Dictionary<string, OnnxAttribute>();
        while (r.Next())
        {
            switch (r.FieldNumber)
            {
                case 1:
                    inputs.Add(r.ReadString());
                    break;
                case 2:
                    outputs.Add(r.ReadString());
                    break;
                case 3:
                    name = r.ReadString();
                    break;
                case 4:
                    opType = r.ReadString();
                    break;
                case 5:
                    var a = ParseAttribute(r.ReadMessage());
                    attributes[a.Name] = a;
                    break;
                default:
                    r.Skip();
                    break;
            }
        }

        if (opType.Length == 0)
        {
            throw new InvalidDataException($"node '{name}' has no op type.");
        }

        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    private static OnnxAttribute ParseAttribute(ProtoReader r)
    {
        var name = "";
        long? i = null;
        float? f = null;
        string? s = null;
        OnnxTensor? t = null;
        var ints = new List<long>();
        var floats = new List<float>();
        while (r.Next())
        {
            switch (r.FieldNumber)
            {
                case 1:
                    name = r.ReadString();
                    break;
                case 2:
                    f = r.ReadFloat();
                    break;
                case 3:
                    i = r.ReadInt64();
                    break;
                case 4:
                    s = r.ReadString();
                    break;
                case 5:
                    t = ParseTensor(r.ReadMessage());
                    break;
                case 7:
                    r.ReadFloats(floats);
                    break;
                case 8:
                    r.ReadInt64s(ints);
                    break;
                default:
                    r.Skip();
                    break;
            }
        }

        return new OnnxAttribute(name, i, f, s, ints, floats, t);
    }

    private static OnnxTensor ParseTensor(ProtoReader r)
    {
        var dims = new List<long>();
        var elementType = 0;
        var name = "";
        var floats = new List<float>();
        var int64s = new List<long>();
        var raw = ReadOnlySpan<byte>.Empty;
        var external = false;
        while (r.Next())
        {
            switch (r.FieldNumber)
            {
                case 1:
                    r.ReadInt64s(dims);
                    break;
                case 2:
                    elementType = (int)r.ReadVarint();
                    break;
                case 4:
                    r.ReadFloats(floats);
                    break;
                case 7:
                    r.ReadInt64s(int64s);
                    break;
                case 8:
                    name = r.ReadString();
                    break;
                case 9:
                    raw = r.ReadBytes();
                    break;
                case 13:
                    external = true;
                    r.Skip();
                    break;
                default:
                    r.Skip();
                    break;
            }
        }

        if (external)
        {
            throw new InvalidDataException($"tensor '{name}' keeps its data in an external file, which is not supported.");
        }

        var count = dims.Aggregate(1L, (a, b) => a * b);
        return elementType switch
        {
            OnnxTensor.Float32 => new OnnxTensor(name, elementType, [.. dims], Data(name, count, floats, raw), null),
            OnnxTensor.Int64 => new OnnxTensor(name, elementType, [.. dims], null, Data(name, count, int64s, raw)),
            _ => new OnnxTensor(name, elementType, [.. dims], null, null),
        };
    }

    /// <summary>A tensor's values, from its raw_data (little-endian, as ONNX stores it) or else its typed list.</summary>
    private static T[] Data<T>(string name, long count, List<T> values, ReadOnlySpan<byte> raw)
        where T : unmanaged
    {
        if (raw.Length == 0)
        {
            CheckCount(name, count, values.Count, 0);
            return [.. values];
        }

        var size = Unsafe.SizeOf<T>();
        CheckCount(name, count, raw.Length / size, raw.Length % size);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Reading ONNX weights needs a little-endian machine.");
        }

        return MemoryMarshal.Cast<byte, T>(raw).ToArray();
    }

    private static void CheckCount(string name, long expected, long actual, int leftoverBytes)
    {
        if (expected != actual || leftoverBytes != 0)
        {
            throw new InvalidDataException($"tensor '{name}' declares {expected} values but holds {actual}.");
        }
    }

    private static OnnxValueInfo ParseValueInfo(ProtoReader r)
    {
        var name = "";
        var elementType = 0;
        var dims = new List<long?>();
        while (r.Next())
        {
            switch (r.FieldNumber)
            {
                case 1:
                    name = r.ReadString();
                    break;
                case 2:
                    elementType = ParseTensorType(r.ReadMessage(), dims);
                    break;
                default:
                    r.Skip();
                    break;
            }
        }

        return new OnnxValueInfo(name, elementType, dims);
    }

    // TypeProto { Tensor tensor_type = 1 } ; Tensor { int32 elem_type = 1; TensorShapeProto shape = 2 }.
    private static int ParseTensorType(ProtoReader type, List<long?> dims)
    {
        var elementType = 0;
        while (type.Next())
        {
            if (type.FieldNumber != 1)
            {
                type.Skip();
                continue;
            }

            var tensorType = type.ReadMessage();
            while (tensorType.Next())
            {
                switch (tensorType.FieldNumber)
                {
                    case 1:
                        elementType = (int)tensorType.ReadVarint();
                        break;
                    case 2:
                        ParseShape(tensorType.ReadMessage(), dims);
                        break;
                    default:
                        tensorType.Skip();
                        break;
                }
            }
        }

        return elementType;
    }

    // TensorShapeProto { repeated Dimension dim = 1 } ; Dimension { int64 dim_value = 1; string dim_param = 2 }.
    private static void ParseShape(ProtoReader shape, List<long?> dims)
    {
        while (shape.Next())
        {
            if (shape.FieldNumber != 1)
            {
                shape.Skip();
                continue;
            }

            var dim = shape.ReadMessage();
            long? value = null;
            while (dim.Next())
            {
                if (dim.FieldNumber == 1)
                {
                    value = dim.ReadInt64();
                }
                else
                {
                    dim.Skip();
                }
            }

            dims.Add(value);
        }
    }
}
