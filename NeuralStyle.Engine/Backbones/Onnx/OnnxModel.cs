// The subset of the ONNX IR (https://github.com/onnx/onnx/blob/main/docs/IR.md) that CNN feature extractors use.
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones.Onnx;

/// <summary>An ONNX model as read from a file: its graph and where it came from.</summary>
/// <param name="Path">The file it was read from, for messages.</param>
/// <param name="Producer">The exporting tool, for example <c>CNTK</c>.</param>
/// <param name="OpsetVersion">The default-domain operator set version (0 when the file declares none).</param>
/// <param name="Graph">The computation graph.</param>
public sealed record OnnxModel(string Path, string Producer, long OpsetVersion, OnnxGraph Graph);

/// <summary>An ONNX graph: nodes in topological order, constant tensors, and declared inputs and outputs.</summary>
public sealed record OnnxGraph(
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyDictionary<string, OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs)
{
    /// <summary>The declared inputs that are not initializers: the values a caller feeds.</summary>
    public IEnumerable<OnnxValueInfo> DataInputs => Inputs.Where(i => !Initializers.ContainsKey(i.Name));
}

/// <summary>One operator application.</summary>
public sealed record OnnxNode(
    string Name,
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, OnnxAttribute> Attributes)
{
    public long GetInt(string name, long fallback) =>
        Attributes.TryGetValue(name, out var a) && a.Int is { } v ? v : fallback;

    public float GetFloat(string name, float fallback) =>
        Attributes.TryGetValue(name, out var a) && a.Float is { } v ? v : fallback;

    public string GetString(string name, string fallback) =>
        Attributes.TryGetValue(name, out var a) && a.String is { } v ? v : fallback;

    /// <summary>An ints attribute, or null when the node does not carry it.</summary>
    public long[]? GetInts(string name) =>
        Attributes.TryGetValue(name, out var a) && a.Ints.Count > 0 ? [.. a.Ints] : null;

    /// <summary>Describes the node for messages: its name if it has one, else its op type and first output.</summary>
    public override string ToString() =>
        Name.Length > 0 ? $"{OpType} '{Name}'" : $"{OpType} -> '{(Outputs.Count > 0 ? Outputs[0] : "?")}'";
}

/// <summary>A node attribute; only the member matching its kind is set.</summary>
public sealed record OnnxAttribute(
    string Name,
    long? Int,
    float? Float,
    string? String,
    IReadOnlyList<long> Ints,
    IReadOnlyList<float> Floats,
    OnnxTensor? Tensor);

/// <summary>
/// A constant tensor. Float32 data is in <see cref="Floats"/>, int64 data in <see cref="Int64s"/>;
/// <see cref="ElementType"/> is the ONNX data type (1 float32, 7 int64).
/// </summary>
public sealed record OnnxTensor(string Name, int ElementType, long[] Dims, float[]? Floats, long[]? Int64s)
{
    public const int Float32 = 1;
    public const int Int64 = 7;

    public long ElementCount => Dims.Aggregate(1L, (a, b) => a * b);

    /// <summary>Copies the data into a new CPU tensor of shape <see cref="Dims"/>.</summary>
    public Tensor ToTorch() => (Floats, Int64s) switch
    {
        ({ } f, _) => tensor(f, Dims),
        (_, { } l) => tensor(l, Dims),
        _ => throw new InvalidOperationException($"Tensor '{Name}' has element type {ElementType}, which is not supported."),
    };
}

/// <summary>A declared graph input or output; a null entry in <see cref="Dims"/> is a symbolic or unknown dimension.</summary>
public sealed record OnnxValueInfo(string Name, int ElementType, IReadOnlyList<long?> Dims);
