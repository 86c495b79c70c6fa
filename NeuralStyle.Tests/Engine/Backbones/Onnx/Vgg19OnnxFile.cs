namespace NeuralStyle.Tests.Engine.Backbones.Onnx;

/// <summary>Writes a VGG19-shaped ONNX file (convolutions, ReLUs, max pools, a Gemm classifier) with seeded random weights.</summary>
internal static class Vgg19OnnxFile
{
    /// <summary>VGG19's convolutions as (name, out channels, in channels), block by block.</summary>
    public static List<(string Name, long Out, long In)> Layout()
    {
        var layers = new List<(string, long, long)>();
        long inChannels = 3;
        foreach (var (count, channels, block) in new[] { (2, 64L, 1), (2, 128L, 2), (4, 256L, 3), (4, 512L, 4), (4, 512L, 5) })
        {
            for (var i = 1; i <= count; i++)
            {
                layers.Add(($"conv{block}_{i}", channels, inChannels));
                inChannels = channels;
            }
        }

        return layers;
    }

    /// <summary>
    /// Writes <paramref name="convs"/> (every other layer's tensors in raw_data) and returns what was written, keyed
    /// <c>convB_I.weight</c> / <c>.bias</c>. <paramref name="withBias"/> false leaves conv1_1 without a bias.
    /// </summary>
    public static Dictionary<string, (long[] Dims, float[] Values)> Write(
        string path, IReadOnlyList<(string Name, long Out, long In)> convs, int seed, bool withBias = true)
    {
        var random = new Random(seed);
        float[] RandomValues(long count) => [.. Enumerable.Range(0, (int)count).Select(_ => random.NextSingle() - 0.5f)];

        var written = new Dictionary<string, (long[], float[])>();
        var builder = new OnnxBuilder().Input("data", 1, 3, 224, 224);
        var x = "data";
        for (var i = 0; i < convs.Count; i++)
        {
            var (name, outChannels, inChannels) = convs[i];
            long[] weightDims = [outChannels, inChannels, 3, 3];
            var weight = RandomValues(outChannels * inChannels * 9);
            var bias = RandomValues(outChannels);
            // Exporters name tensors their own way; the reader must not rely on names.
            builder.Initializer($"W{i}", weightDims, weight, raw: i % 2 == 1);
            written[$"{name}.weight"] = (weightDims, weight);
            string[] inputs = [x, $"W{i}"];
            if (withBias || i > 0)
            {
                builder.Initializer($"B{i}", [outChannels], bias, raw: i % 2 == 1);
                written[$"{name}.bias"] = ([outChannels], bias);
                inputs = [x, $"W{i}", $"B{i}"];
            }

            builder.Node("Conv", inputs, $"conv{i}", ("kernel_shape", new long[] { 3, 3 }), ("pads", new long[] { 1, 1, 1, 1 }))
                .Node("Relu", [$"conv{i}"], $"relu{i}");
            x = $"relu{i}";
            if (i == convs.Count - 1 || convs[i + 1].Name[4] != name[4])
            {
                builder.Node("MaxPool", [x], $"pool{i}", ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }));
                x = $"pool{i}";
            }
        }

        builder.Node("Flatten", [x], "flat")
            .Initializer("fc_W", [10, 512 * 7 * 7], RandomValues(10 * 512 * 7 * 7))
            .Initializer("fc_B", [10], RandomValues(10))
            .Node("Gemm", ["flat", "fc_W", "fc_B"], "logits", ("transB", 1L))
            .Output("logits", 1, 10);
        File.WriteAllBytes(path, builder.Build());
        return written;
    }
}
