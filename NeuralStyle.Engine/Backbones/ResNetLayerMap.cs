using NeuralStyle.Engine.Backbones.Onnx;

namespace NeuralStyle.Engine.Backbones;

/// <summary>
/// Names a ResNet graph's activations from its structure rather than from the exporter's numbered tensor names:
/// the first ReLU and max pool form the stem, a ReLU fed by an Add ends a residual block, blocks with the same
/// stride form a stage, and a pooling that produces the graph output is <c>pool</c>.
/// </summary>
internal static class ResNetLayerMap
{
    public static IReadOnlyList<BackboneLayer> Find(OnnxGraphModule graph)
    {
        var shapes = graph.DeclaredShapes;
        if (shapes.Count == 0)
        {
            throw new InvalidDataException($"'{graph.Path}' declares no fixed input size, so its layers cannot be told apart.");
        }

        var inputHeight = (int)graph.DeclaredInputShape[2]!.Value;
        var producers = graph.Nodes.SelectMany(n => n.Outputs.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n);
        BackboneLayer Layer(string name, string tensor) =>
            new(name, tensor, (int)shapes[tensor][1], inputHeight / (int)shapes[tensor][2]);

        var stemRelu = graph.Nodes.FirstOrDefault(n => n.OpType == "Relu");
        var stemPool = graph.Nodes.FirstOrDefault(n => n.OpType == "MaxPool");
        var blocks = graph.Nodes
            .Where(n => n.OpType == "Relu" && producers.TryGetValue(n.Inputs[0], out var p) && p.OpType == "Add")
            .Select(n => n.Outputs[0])
            .ToList();
        var stages = blocks.GroupBy(b => inputHeight / shapes[b][2]).ToList();
        if (stemRelu is null || stemPool is null || stages.Count != 4)
        {
            throw new InvalidDataException(
                $"'{graph.Path}' does not look like a ResNet: expected a stem ReLU and max pool and 4 stages of residual blocks, " +
                $"found {stages.Count} stage(s) in {blocks.Count} block(s).");
        }

        var layers = new List<BackboneLayer> { Layer("stem_relu", stemRelu.Outputs[0]), Layer("stem_pool", stemPool.Outputs[0]) };
        foreach (var (stage, s) in stages.Select((stage, s) => (stage.ToList(), s + 1)))
        {
            layers.AddRange(stage.Select((tensor, b) => Layer($"layer{s}_{b}", tensor)));
            layers.Add(Layer($"layer{s}", stage[^1]));
        }

        var output = graph.Nodes[^1];
        if (output.OpType is "AveragePool" or "GlobalAveragePool" && shapes.TryGetValue(output.Outputs[0], out var pooled) && pooled[2] == 1)
        {
            layers.Add(new BackboneLayer("pool", output.Outputs[0], (int)pooled[1], 0));
        }

        return layers;
    }
}
