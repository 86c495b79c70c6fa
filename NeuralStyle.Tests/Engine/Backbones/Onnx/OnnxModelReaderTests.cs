using NeuralStyle.Engine.Backbones.Onnx;

namespace NeuralStyle.Tests.Engine.Backbones.Onnx;

public class OnnxModelReaderTests
{
    [Fact]
    public void ReadsNodesAttributesInitializersAndDeclaredShapes()
    {
        var bytes = new OnnxBuilder()
            .Input("image", 1, 3, 8, 8)
            .Initializer("w", [2, 3, 1, 1], [1, 2, 3, 4, 5, 6])
            .Initializer("b", [2], [0.5f, -0.5f], raw: true)
            .Int64Initializer("shape", [1, -1])
            .Node("Conv", ["image", "w", "b"], "y", ("pads", new long[] { 1, 1, 0, 0 }), ("group", 1L), ("auto_pad", "NOTSET"), ("alpha", 0.25f))
            .Output("y", 1, 2, 9, 9)
            .Build(opset: 9);

        var model = OnnxModelReader.Parse(bytes, "small.onnx");

        Assert.Equal(("NeuralStyle.Tests", 9L), (model.Producer, model.OpsetVersion));
        var conv = Assert.Single(model.Graph.Nodes);
        Assert.Equal(("Conv", "y_node"), (conv.OpType, conv.Name));
        Assert.Equal(["image", "w", "b"], conv.Inputs);
        Assert.Equal([1L, 1, 0, 0], conv.GetInts("pads")!);
        Assert.Equal((1L, "NOTSET", 0.25f), (conv.GetInt("group", 0), conv.GetString("auto_pad", ""), conv.GetFloat("alpha", 0)));
        Assert.Equal([1f, 2, 3, 4, 5, 6], model.Graph.Initializers["w"].Floats!);
        Assert.Equal([2L, 3, 1, 1], model.Graph.Initializers["w"].Dims);
        Assert.Equal([0.5f, -0.5f], model.Graph.Initializers["b"].Floats!);
        Assert.Equal([1L, -1], model.Graph.Initializers["shape"].Int64s!);
        Assert.Equal([1L, 3, 8, 8], model.Graph.DataInputs.Single().Dims);
        Assert.Equal([1L, 2, 9, 9], model.Graph.Outputs.Single().Dims);
    }

    [Fact]
    public void UnpackedRepeatedFieldsReadLikePackedOnes()
    {
        // proto2 writers may emit repeated numbers one field at a time instead of packed.
        var tensor = new ProtoWriter().Varint(1, 2).Varint(1, 2).Varint(2, 1).String(8, "w");
        foreach (var v in new[] { 1f, 2f, 3f, 4f })
        {
            tensor.Float(4, v);
        }

        var node = new ProtoWriter().String(1, "x").String(1, "w").String(2, "y").String(4, "MatMul")
            .Message(5, new ProtoWriter().String(1, "perm").Varint(8, 1).Varint(8, 0));
        var bytes = new ProtoWriter().Message(7, new ProtoWriter().Message(1, node).Message(5, tensor)).ToArray();

        var model = OnnxModelReader.Parse(bytes, "unpacked.onnx");

        Assert.Equal([2L, 2], model.Graph.Initializers["w"].Dims);
        Assert.Equal([1f, 2, 3, 4], model.Graph.Initializers["w"].Floats!);
        Assert.Equal([1L, 0], model.Graph.Nodes.Single().GetInts("perm")!);
    }

    [Fact]
    public void ATruncatedFileFailsWithAMessageNamingTheFile()
    {
        var bytes = new OnnxBuilder().Input("x", 1, 1, 4, 4).Initializer("w", [1, 1, 3, 3], new float[9])
            .Node("Conv", ["x", "w"], "y").Output("y").Build();

        var e = Assert.Throws<InvalidDataException>(() => OnnxModelReader.Parse(bytes.AsSpan(0, bytes.Length - 20), "/models/cut.onnx"));

        Assert.StartsWith("'/models/cut.onnx' is not a readable ONNX model", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void RandomBytesFailWithAMessageNamingTheFile()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);

        var e = Assert.Throws<InvalidDataException>(() => OnnxModelReader.Parse(bytes, "/models/noise.onnx"));

        Assert.Contains("'/models/noise.onnx'", e.Message);
    }

    [Fact]
    public void AMissingFileIsReportedByPath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => OnnxModelReader.Read("/nonexistent/model.onnx"));
        Assert.Contains("/nonexistent/model.onnx", e.Message);
    }
}
