using NeuralStyle.Engine.Backbones.Onnx;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Backbones.Onnx;

public sealed class OnnxVgg19ReaderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"vgg19-{Guid.NewGuid():N}.onnx");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void ReadsTheSixteenConvolutionsByTheirVgg19NamesInForwardOrder()
    {
        using var scope = NewDisposeScope();
        var written = Vgg19OnnxFile.Write(_path, Vgg19OnnxFile.Layout(), seed: 19);

        var stateDict = OnnxVgg19Reader.ReadStateDict(_path);

        Assert.Equal(written.Keys, stateDict.Keys);
        Assert.Equal("conv5_4.bias", stateDict.Keys.Last());
        foreach (var (key, (dims, values)) in written)
        {
            Assert.Equal(dims, stateDict[key].shape);
            Assert.True(values.AsSpan().SequenceEqual(stateDict[key].data<float>().ToArray()), $"{key} holds other values than were written");
        }
    }

    [Fact]
    public void AFileWithAMissingConvolutionIsRejectedNamingTheFileAndTheCount()
    {
        var layout = Vgg19OnnxFile.Layout();
        layout.RemoveAt(15);
        Vgg19OnnxFile.Write(_path, layout, seed: 1);

        var e = Assert.Throws<InvalidDataException>(() => OnnxVgg19Reader.ReadStateDict(_path));

        Assert.Contains(_path, e.Message);
        Assert.Contains("15 convolution", e.Message);
    }

    [Fact]
    public void AConvolutionOfTheWrongShapeIsRejectedNamingTheLayerAndBothShapes()
    {
        var layout = Vgg19OnnxFile.Layout();
        layout[5] = (layout[5].Name, 128, 256);
        layout[6] = (layout[6].Name, 256, 128);
        Vgg19OnnxFile.Write(_path, layout, seed: 2);

        var e = Assert.Throws<InvalidDataException>(() => OnnxVgg19Reader.ReadStateDict(_path));

        Assert.Contains(_path, e.Message);
        Assert.Contains("conv3_2's weight has shape [128, 256, 3, 3]; VGG19 needs [256, 256, 3, 3]", e.Message);
    }

    [Fact]
    public void AVgg19WithBatchNormalisationIsRejected()
    {
        var bytes = new OnnxBuilder().Input("data", 1, 3, 8, 8)
            .Initializer("w", [64, 3, 3, 3], new float[64 * 27]).Initializer("b", [64], new float[64])
            .Initializer("scale", [64], new float[64]).Initializer("shift", [64], new float[64])
            .Node("Conv", ["data", "w", "b"], "conv", ("pads", new long[] { 1, 1, 1, 1 }))
            .Node("BatchNormalization", ["conv", "scale", "shift", "scale", "shift"], "norm")
            .Output("norm").Build();
        File.WriteAllBytes(_path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => OnnxVgg19Reader.ReadStateDict(_path));

        Assert.Contains(_path, e.Message);
        Assert.Contains("batch normalisation", e.Message);
    }

    [Fact]
    public void AConvolutionWithoutBiasIsRejectedNamingTheLayer()
    {
        Vgg19OnnxFile.Write(_path, Vgg19OnnxFile.Layout(), seed: 3, withBias: false);

        var e = Assert.Throws<InvalidDataException>(() => OnnxVgg19Reader.ReadStateDict(_path));

        Assert.Contains(_path, e.Message);
        Assert.Contains("conv1_1", e.Message);
        Assert.Contains("no bias", e.Message);
    }
}
