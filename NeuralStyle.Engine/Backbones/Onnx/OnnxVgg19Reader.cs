// Simonyan and Zisserman, "Very Deep Convolutional Networks for Large-Scale Image Recognition" (ICLR 2015), configuration E.
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones.Onnx;

/// <summary>
/// Reads the 16 convolution layers of an ONNX VGG19 (the ONNX model zoo's, or any export with the same layout) as
/// a state dictionary keyed like the paper authors' <c>vgg_conv.pth</c>: <c>conv1_1.weight</c>, <c>conv1_1.bias</c>,
/// ... <c>conv5_4.bias</c>. Fully connected classifier nodes after the convolutions are ignored.
/// </summary>
public static class OnnxVgg19Reader
{
    // VGG19's five blocks: how many 3x3 convolutions each has, and their output channels.
    private static readonly int[] BlockSizes = [2, 2, 4, 4, 4];
    private static readonly int[] BlockChannels = [64, 128, 256, 512, 512];

    /// <summary>The 16 convolution layers in forward order: <c>conv1_1</c> ... <c>conv5_4</c>.</summary>
    public static IReadOnlyList<string> ConvNames { get; } =
        [.. BlockSizes.SelectMany((count, block) => Enumerable.Range(1, count).Select(i => $"conv{block + 1}_{i}"))];

    /// <summary>
    /// Reads the convolution weights (out x in x 3 x 3) and biases (out) in forward order as new CPU tensors owned by
    /// the caller. Throws <see cref="InvalidDataException"/> naming the file and the layer when the file does not hold
    /// exactly VGG19's 16 convolutions with their shapes and biases.
    /// </summary>
    public static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        var graph = OnnxModelReader.Read(path).Graph;
        var constants = new Dictionary<string, OnnxTensor>(graph.Initializers);
        foreach (var node in graph.Nodes.Where(n => n.OpType == "Constant" && n.Attributes.GetValueOrDefault("value")?.Tensor is not null))
        {
            constants[node.Outputs[0]] = node.Attributes["value"].Tensor!;
        }

        if (graph.Nodes.FirstOrDefault(n => n.OpType == "BatchNormalization") is { } norm)
        {
            throw new InvalidDataException(
                $"'{path}' normalises its convolutions ({norm}): it is VGG19 with batch normalisation, not the paper's VGG19.");
        }

        var convs = graph.Nodes.Where(n => n.OpType == "Conv").ToList();
        if (convs.Count != ConvNames.Count)
        {
            throw new InvalidDataException(
                $"'{path}' has {convs.Count} convolution nodes; VGG19 has {ConvNames.Count} (blocks of {string.Join(", ", BlockSizes)}).");
        }

        var checkedTensors = new List<(string Key, OnnxTensor Value)>();
        var inChannels = 3L;
        for (var i = 0; i < convs.Count; i++)
        {
            var name = ConvNames[i];
            var outChannels = BlockChannels[name[4] - '1'];
            checkedTensors.Add(($"{name}.weight", Constant(path, name, convs[i], 1, constants, [outChannels, inChannels, 3, 3])));
            checkedTensors.Add(($"{name}.bias", Constant(path, name, convs[i], 2, constants, [outChannels])));
            inChannels = outChannels;
        }

        return checkedTensors.ToDictionary(t => t.Key, t => t.Value.ToTorch());
    }

    private static OnnxTensor Constant(string path, string layer, OnnxNode conv, int input, Dictionary<string, OnnxTensor> constants, long[] shape)
    {
        var role = input == 1 ? "weight" : "bias";
        if (conv.Inputs.Count <= input || conv.Inputs[input].Length == 0)
        {
            throw new InvalidDataException($"'{path}': {layer} ({conv}) has no {role}.");
        }

        if (!constants.TryGetValue(conv.Inputs[input], out var t))
        {
            throw new InvalidDataException($"'{path}': {layer}'s {role} '{conv.Inputs[input]}' is not a constant in the file.");
        }

        if (t.Floats is null)
        {
            throw new InvalidDataException($"'{path}': {layer}'s {role} has ONNX element type {t.ElementType}, not float32.");
        }

        if (!t.Dims.SequenceEqual(shape))
        {
            throw new InvalidDataException(
                $"'{path}': {layer}'s {role} has shape [{string.Join(", ", t.Dims)}]; VGG19 needs [{string.Join(", ", shape)}].");
        }

        return t;
    }
}
