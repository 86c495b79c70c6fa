using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Backbones;

public sealed class Vgg19WeightLoaderTests(RandomVgg19Files files) : IClassFixture<RandomVgg19Files>
{
    private static readonly string[] Probes = ["relu1_1", "relu3_1", "relu5_1", "pool5"];

    [Fact]
    public void TorchVisionPthLoadsToIdenticalActivationsAndSkipsTheClassifier()
    {
        var path = files.Write("vgg19-random.pth", files.TorchVisionStateDict());

        using var backbone = Vgg19Backbone.Load(path);

        AssertSameActivationsAsTheSavedNetwork(backbone);
        Assert.Equal(ImagePreprocessing.TorchVision, backbone.Preprocessing);
        Assert.False(backbone.IsNormalized);
    }

    [Fact]
    public void AuthorsVggConvPthLoadsToIdenticalActivationsAndIsMarkedNormalised()
    {
        var path = files.Write("vgg_conv.pth", files.PaperStateDict());

        using var backbone = Vgg19Backbone.Load(path);

        AssertSameActivationsAsTheSavedNetwork(backbone);
        Assert.Equal(ImagePreprocessing.Caffe, backbone.Preprocessing);
        Assert.True(backbone.IsNormalized);
    }

    [Fact]
    public void SafetensorsLoadWithEitherKeyStyle()
    {
        var torchVision = files.Write("vgg19-torchvision.safetensors", files.TorchVisionStateDict());
        var paper = files.Write("vgg19-paper.safetensors", files.PaperStateDict());

        using (var backbone = Vgg19Backbone.Load(torchVision))
        {
            AssertSameActivationsAsTheSavedNetwork(backbone);
            Assert.False(backbone.IsNormalized);
        }

        using (var backbone = Vgg19Backbone.Load(paper))
        {
            AssertSameActivationsAsTheSavedNetwork(backbone);
            Assert.True(backbone.IsNormalized);
        }
    }

    [Fact]
    public void MaxPoolingIsAChoiceAtLoadTime()
    {
        var path = files.Write("vgg19-max.pth", files.TorchVisionStateDict());

        using var backbone = Vgg19Backbone.Load(path, PoolingKind.Max);

        Assert.Equal(PoolingKind.Max, backbone.Pooling);
    }

    [Fact]
    public void MissingKeyIsNamedWithTheFile()
    {
        var dict = files.TorchVisionStateDict();
        dict.Remove("features.10.weight");
        var path = files.Write("vgg19-missing.pth", dict);

        var error = Assert.Throws<WeightsException>(() => Vgg19Backbone.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("missing keys: features.10.weight", error.Message);
        Assert.Equal(["features.10.weight"], error.MissingKeys);
        Assert.Empty(error.UnexpectedKeys);
    }

    [Fact]
    public void ExtraKeyOutsideTheClassifierIsNamedWithTheFile()
    {
        var dict = files.TorchVisionStateDict();
        dict["features.37.weight"] = zeros(4);
        var path = files.Write("vgg19-extra.pth", dict);

        var error = Assert.Throws<WeightsException>(() => Vgg19Backbone.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("unexpected keys: features.37.weight", error.Message);
        Assert.Equal(["features.37.weight"], error.UnexpectedKeys);
        Assert.Empty(error.MissingKeys);
    }

    [Fact]
    public void MisShapedTensorIsNamedWithExpectedAndActualShapes()
    {
        var dict = files.PaperStateDict();
        dict["conv3_1.bias"] = zeros(255);
        var path = files.Write("vgg_conv-misshaped.safetensors", dict);

        var error = Assert.Throws<WeightsException>(() => Vgg19Backbone.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("conv3_1.bias (expected [256], found [255])", error.Message);
        Assert.Equal("conv3_1.bias", Assert.Single(error.ShapeMismatches).Key);
    }

    [Theory]
    [InlineData("vgg19-truncated.pth")]
    [InlineData("vgg19-truncated.safetensors")]
    public void TruncatedFileIsReportedWithItsName(string fileName)
    {
        var path = files.Write(fileName, files.PaperStateDict());
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(stream.Length / 2);
        }

        var error = Assert.Throws<WeightsException>(() => Vgg19Backbone.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("garbage.pth")]
    [InlineData("garbage.safetensors")]
    public void FileThatIsNotWeightsIsReportedWithItsName(string fileName)
    {
        var path = files.PathOf(fileName);
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))]);

        var error = Assert.Throws<WeightsException>(() => Vgg19Backbone.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void PrePyTorch16FileIsReadAndCheckedLikeAnyOther()
    {
        var path = files.PathOf("legacy.pth");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Engine", "Backbones", "Data", "legacy-state-dict.pth"), path);

        var error = Assert.Throws<WeightsException>(() => Vgg19Backbone.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Equal(32, error.MissingKeys.Count);
        Assert.Equal(["conv.bias", "conv.weight", "rebuilt.by.v1", "view.of.shared"], error.UnexpectedKeys);
    }

    [Fact]
    public void TruncatedPrePyTorch16FileIsReportedWithItsName()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Engine", "Backbones", "Data", "legacy-state-dict.pth"));
        var path = files.PathOf("legacy-truncated.pth");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<WeightsException>(() => Vgg19Backbone.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("pre-1.6", error.Message);
    }

    [Fact]
    public void UnknownExtensionIsRefused()
    {
        var path = files.PathOf("vgg19.h5");
        File.WriteAllBytes(path, [1, 2, 3]);

        var error = Assert.Throws<WeightsException>(() => Vgg19Backbone.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(".safetensors", error.Message);
    }

    [Fact]
    public void OnnxModelZooFileLoadsToIdenticalActivations()
    {
        var path = files.PathOf("vgg19-zoo.onnx");
        var written = Onnx.Vgg19OnnxFile.Write(path, Onnx.Vgg19OnnxFile.Layout(), seed: 11);

        using var weights = Vgg19WeightLoader.Load(path);

        Assert.Equal(Vgg19Convention.TorchVision, weights.Convention);
        Assert.All(written, w => Assert.Equal(w.Value.Values, weights.StateDict[w.Key].data<float>().ToArray()));
    }

    [Fact]
    public void DamagedOnnxFileIsNamedInTheError()
    {
        var path = files.PathOf("vgg19-damaged.onnx");
        File.WriteAllBytes(path, [1, 2, 3]);

        var error = Assert.Throws<WeightsException>(() => Vgg19WeightLoader.Load(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void MissingFileSaysWhereItLooked()
    {
        var path = files.PathOf("absent.pth");

        var error = Assert.Throws<FileNotFoundException>(() => Vgg19WeightLoader.Load(path));

        Assert.Contains(path, error.Message);
    }

    private void AssertSameActivationsAsTheSavedNetwork(Vgg19Backbone backbone)
    {
        using var scope = NewDisposeScope();
        var rgb = rand(1, 3, 64, 64, generator: new Generator(3));
        var expected = files.Network.Activations(backbone.Preprocessing.Apply(rgb), Probes);

        var actual = backbone.Extract(rgb, Probes);

        Assert.All(Probes, layer => Assert.True(TensorAssert.Identical(expected[layer], actual[layer]), $"{layer} differs"));
    }
}
