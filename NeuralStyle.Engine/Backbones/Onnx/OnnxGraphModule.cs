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
/// at every size, so residual additions line up for odd sizes too. A batch normalisation with per-channel statistics
/// that is the only reader of a convolution's output is folded into that convolution's weights and bias (as PyTorch's
/// <c>fuse_conv_bn_eval</c> does): one operator instead of two, forward and backward, wherever the convolution's own
/// output is not asked for.
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

    /// <summary>Convolution node index to its batch normalisation's index and the buffers of the folded weight and bias.</summary>
    private readonly Dictionary<int, (int Norm, string Weight, string Bias)> _folded = [];

    /// <summary>Builds the module from a model read by <see cref="OnnxModelReader"/>; unsupported operators throw.</summary>
    /// <param name="model">The graph and its weights.</param>
    /// <param name="lowPassBeforeStride">
    /// Whether each convolution or pooling with stride 2 reads its input through <see cref="LowPass.Binomial3"/>
    /// (anti-aliased downsampling, Zhang 2019); the weights are unchanged.
    /// </param>
    public OnnxGraphModule(OnnxModel model, bool lowPassBeforeStride = false) : base("OnnxGraph")
    {
        LowPassBeforeStride = lowPassBeforeStride;
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

        FoldBatchNormalisations();
    }

    /// <summary>Whether stride-2 operations read a low-passed input (see the constructor).</summary>
    public bool LowPassBeforeStride { get; }

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
        var lowPassed = new Dictionary<string, Tensor>();
        Tensor Input(int index, string name) =>
            LowPassBeforeStride && _windows.TryGetValue(index, out var window) && window.Rule != PaddingRule.Global && window.Strides.Any(s => s > 1)
                ? lowPassed.TryGetValue(name, out var smooth) ? smooth : lowPassed[name] = LowPass.Binomial3(Value(name, values))
                : Value(name, values);

        foreach (var index in needed)
        {
            var node = _graph.Nodes[index];
            if (values.ContainsKey(node.Outputs[0]))
            {
                // A batch normalisation whose convolution already gave its output, folded.
                continue;
            }

            if (_folded.TryGetValue(index, out var fold) && !tensors.Contains(node.Outputs[0]))
            {
                var weight = get_buffer(fold.Weight)!;
                values[_graph.Nodes[fold.Norm].Outputs[0]] = Convolution(Input(index, node.Inputs[0]), weight, get_buffer(fold.Bias), _windows[index], node.GetInt("group", 1));
                continue;
            }

            values[node.Outputs[0]] = Execute(index, node, name => name == node.Inputs[0] ? Input(index, name) : Value(name, values));
        }

        NodesExecuted = needed.Count;
        var result = new Dictionary<string, Tensor>();
        foreach (var name in tensors.Distinct())
        {
            result[name] = (name == InputName ? input.alias() : values[name]).MoveToOuterDisposeScope();
        }

        return result;
    }

    /// <summary>
    /// Finds each convolution read only by a batch normalisation with per-channel constants and stores the pair as one
    /// convolution: weight W k and bias (b - mean) k + shift per output channel, with k = scale / sqrt(variance + epsilon).
    /// </summary>
    private void FoldBatchNormalisations()
    {
        var readers = _graph.Nodes.SelectMany((n, i) => n.Inputs.Select(input => (input, i))).ToLookup(r => r.input, r => r.i);
        for (var i = 0; i < _graph.Nodes.Count; i++)
        {
            var norm = _graph.Nodes[i];
            if (norm.OpType != "BatchNormalization" || !_producers.TryGetValue(norm.Inputs[0], out var c)
                || _graph.Nodes[c].OpType != "Conv" || readers[norm.Inputs[0]].Count() != 1
                || !norm.Inputs.Skip(1).Take(4).All(n => _bufferNames.ContainsKey(n) && get_buffer(_bufferNames[n])!.dim() == 1))
            {
                continue;
            }

            var conv = _graph.Nodes[c];
            if (!_bufferNames.TryGetValue(conv.Inputs[1], out var weightName) || (conv.Inputs.Count > 2 && conv.Inputs[2].Length > 0 && !_bufferNames.ContainsKey(conv.Inputs[2])))
            {
                continue;
            }

            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor Constant(string name) => get_buffer(_bufferNames[name])!;
            var weight = get_buffer(weightName)!;
            var k = Constant(norm.Inputs[1]) / (Constant(norm.Inputs[4]) + norm.GetFloat("epsilon", 1e-5f)).sqrt();
            var bias = conv.Inputs.Count > 2 && conv.Inputs[2].Length > 0 ? Constant(conv.Inputs[2]) : zeros_like(k);
            var foldedWeight = RegisterFolded($"folded_weight_{c}", weight * k.view(-1, 1, 1, 1));
            var foldedBias = RegisterFolded($"folded_bias_{c}", (bias - Constant(norm.Inputs[3])) * k + Constant(norm.Inputs[2]));
            _folded[c] = (i, foldedWeight, foldedBias);
        }
    }

    private string RegisterFolded(string name, Tensor value)
    {
        while (has_buffer(name))
        {
            name += "_";
        }

        // Persistent although derived: TorchSharp 0.107's named_buffers leaves the others out, so to(device) and Dispose would skip them.
        register_buffer(name, value.contiguous().DetachFromDisposeScope(), persistent: true);
        return name;
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
