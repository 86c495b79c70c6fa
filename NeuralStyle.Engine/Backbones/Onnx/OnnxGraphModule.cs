// Executes ONNX CNN operators (https://onnx.ai/onnx/operators/) with TorchSharp, at any input size.
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.Engine.Backbones.Onnx;

/// <summary>
/// An ONNX graph as a TorchSharp module. Its constant tensors are buffers (no gradients; they move with
/// <c>to(device)</c>), gradients flow to the input, and <see cref="Run"/> executes only the nodes that the requested
/// tensors depend on. Windows whose declared pads are "same" padding for the declared input size get "same" padding
/// at every size, so residual additions line up for odd sizes too.
/// </summary>
public sealed partial class OnnxGraphModule : nn.Module
{
    private static readonly HashSet<string> SupportedOps =
    [
        "Conv", "BatchNormalization", "Relu", "Add", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
        "Flatten", "Gemm", "MatMul", "Reshape", "Dropout", "Identity", "Constant",
    ];

    private readonly OnnxGraph _graph;
    private readonly Dictionary<string, string> _bufferNames = [];
    private readonly Dictionary<string, int> _producers = [];
    private readonly Dictionary<int, SpatialWindow> _windows = [];

    /// <summary>Builds the module from a model read by <see cref="OnnxModelReader"/>; unsupported operators throw.</summary>
    public OnnxGraphModule(OnnxModel model) : base("OnnxGraph")
    {
        Path = model.Path;
        _graph = model.Graph;
        var input = model.Graph.DataInputs.SingleOrDefault(i => i.Dims.Count == 4)
            ?? throw new InvalidDataException($"'{Path}' does not declare exactly one 4-D image input.");
        InputName = input.Name;
        DeclaredInputShape = input.Dims;

        foreach (var (name, t) in model.Graph.Initializers.Where(i => i.Value.Floats is not null))
        {
            RegisterConstant(name, t);
        }

        for (var i = 0; i < _graph.Nodes.Count; i++)
        {
            var node = _graph.Nodes[i];
            CheckNode(node);
            if (node.OpType == "Constant")
            {
                RegisterConstant(node.Outputs[0], node.Attributes.GetValueOrDefault("value")?.Tensor
                    ?? throw new InvalidDataException($"'{Path}': {node} has no tensor value."));
                continue;
            }

            _producers[node.Outputs[0]] = i;
        }

        DeclaredShapes = input.Dims.All(d => d is > 0)
            ? OnnxShapeInference.Infer(_graph, InputName, [.. input.Dims.Select(d => d!.Value)])
            : new Dictionary<string, long[]>();
        for (var i = 0; i < _graph.Nodes.Count; i++)
        {
            var node = _graph.Nodes[i];
            if (node.OpType is "Conv" or "MaxPool" or "AveragePool")
            {
                var window = SpatialWindow.Of(node, node.OpType == "Conv" ? _graph.Initializers.GetValueOrDefault(node.Inputs[1])?.Dims : null);
                _windows[i] = DeclaredShapes.TryGetValue(node.Inputs[0], out var shape)
                    ? window.Generalised(shape[2..], isPooling: node.OpType != "Conv")
                    : window;
            }
        }
    }

    /// <summary>The file the graph came from.</summary>
    public string Path { get; }

    /// <summary>The name of the graph's image input.</summary>
    public string InputName { get; }

    /// <summary>The input shape the graph declares (a null entry is symbolic).</summary>
    public IReadOnlyList<long?> DeclaredInputShape { get; }

    /// <summary>Every tensor's shape at <see cref="DeclaredInputShape"/> (empty when that shape is symbolic).</summary>
    public IReadOnlyDictionary<string, long[]> DeclaredShapes { get; }

    /// <summary>The graph's nodes in execution order.</summary>
    public IReadOnlyList<OnnxNode> Nodes => _graph.Nodes;

    /// <summary>How many nodes the last <see cref="Run"/> executed.</summary>
    public int NodesExecuted { get; private set; }

    /// <summary>The indices (into <see cref="Nodes"/>, in order) of the nodes needed to compute <paramref name="tensors"/>.</summary>
    public IReadOnlyList<int> NodesNeededFor(IReadOnlyCollection<string> tensors)
    {
        var unknown = tensors.Where(t => t != InputName && !_producers.ContainsKey(t)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"'{Path}' computes no tensor named {string.Join(", ", unknown.Select(u => $"'{u}'"))}.", nameof(tensors));
        }

        var wanted = new HashSet<string>(tensors);
        var needed = new List<int>();
        for (var i = _graph.Nodes.Count - 1; i >= 0; i--)
        {
            var node = _graph.Nodes[i];
            if (node.OpType != "Constant" && node.Outputs.Any(wanted.Contains))
            {
                needed.Add(i);
                wanted.UnionWith(node.Inputs);
            }
        }

        needed.Reverse();
        return needed;
    }

    /// <summary>
    /// Runs the graph on <paramref name="input"/> (N x C x H x W, any H and W) as far as <paramref name="tensors"/>
    /// need and returns them by name; they belong to the caller's dispose scope.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> Run(Tensor input, IReadOnlyCollection<string> tensors)
    {
        var needed = NodesNeededFor(tensors);
        using var scope = NewDisposeScope();
        var values = new Dictionary<string, Tensor> { [InputName] = input };
        foreach (var index in needed)
        {
            var node = _graph.Nodes[index];
            values[node.Outputs[0]] = Execute(index, node, name => Value(name, values));
        }

        NodesExecuted = needed.Count;
        var result = new Dictionary<string, Tensor>();
        foreach (var name in tensors.Distinct())
        {
            result[name] = (name == InputName ? input.alias() : values[name]).MoveToOuterDisposeScope();
        }

        return result;
    }

    private Tensor Value(string name, Dictionary<string, Tensor> values) =>
        values.TryGetValue(name, out var v) ? v : get_buffer(_bufferNames[name])!;

    private void RegisterConstant(string name, OnnxTensor t)
    {
        var bufferName = UnsafeChars().Replace(name, "_");
        while (has_buffer(bufferName))
        {
            bufferName += "_";
        }

        register_buffer(bufferName, t.ToTorch(), persistent: true);
        _bufferNames[name] = bufferName;
    }

    private void CheckNode(OnnxNode node)
    {
        if (!SupportedOps.Contains(node.OpType))
        {
            throw new NotSupportedException(
                $"'{Path}' uses {node}, which this importer does not run (it runs {string.Join(", ", SupportedOps.Order())}).");
        }

        foreach (var name in node.Inputs.Where(n => n.Length > 0))
        {
            if (name != InputName && !_producers.ContainsKey(name) && !_graph.Initializers.ContainsKey(name) && !_bufferNames.ContainsKey(name))
            {
                throw new InvalidDataException($"'{Path}': {node} reads '{name}', which no earlier node or constant provides.");
            }
        }

        if (node.Outputs.Count == 0)
        {
            throw new InvalidDataException($"'{Path}': {node} has no output.");
        }
    }

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex UnsafeChars();
}
