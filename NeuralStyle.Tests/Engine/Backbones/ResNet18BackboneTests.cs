using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Tests.Engine.Backbones.Onnx;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace NeuralStyle.Tests.Engine.Backbones;

public class ResNet18BackboneTests(ResNet18Fixture fixture) : IClassFixture<ResNet18Fixture>
{
    private readonly ResNet18Backbone _backbone = fixture.Backbone;

    // CNTK's export has three blocks in stage 4 (22 convolutions), one more than torchvision's ResNet18.
    [Fact]
    public void LayersAreNamedByStageAndBlockWithResNet18ChannelsAndStrides()
    {
        (string, int, int)[] expected =
        [
            ("stem_relu", 64, 2), ("stem_pool", 64, 4),
            ("layer1_0", 64, 4), ("layer1_1", 64, 4), ("layer1", 64, 4),
            ("layer2_0", 128, 8), ("layer2_1", 128, 8), ("layer2", 128, 8),
            ("layer3_0", 256, 16), ("layer3_1", 256, 16), ("layer3", 256, 16),
            ("layer4_0", 512, 32), ("layer4_1", 512, 32), ("layer4_2", 512, 32), ("layer4", 512, 32),
            ("pool", 512, 0),
        ];

        Assert.Equal(expected, _backbone.Layers.Select(l => (l.Name, l.Channels, l.Stride)));
        Assert.Equal(_backbone.Layers.Single(l => l.Name == "layer4_2").Tensor, _backbone.Layers.Single(l => l.Name == "layer4").Tensor);
        Assert.All(_backbone.DefaultContentLayers.Concat(_backbone.DefaultStyleLayers), l => Assert.Contains(l, _backbone.LayerNames));
    }

    [Fact]
    public void ImporterMatchesOnnxRuntimeOnSeededNoise()
    {
        using var scope = NewDisposeScope();
        var rgb = rand([1, 3, 224, 224], generator: new Generator(42));
        AssertMatchesOnnxRuntime(rgb);
    }

    [Fact]
    public void ImporterMatchesOnnxRuntimeOnAPicture()
    {
        using var scope = NewDisposeScope();
        AssertMatchesOnnxRuntime(SyntheticPicture.Create(224, 224));
    }

    [Theory]
    [InlineData(224, 224)]
    [InlineData(225, 301)]
    [InlineData(97, 131)]
    public void EveryLayerHasTheSamePaddingSizeAtAnyInputSize(int height, int width)
    {
        using var scope = NewDisposeScope();
        var rgb = SyntheticPicture.Create(height, width);

        var activations = _backbone.Extract(rgb, _backbone.LayerNames);

        foreach (var layer in _backbone.Layers)
        {
            long[] expected = layer.Stride == 0
                ? [1, layer.Channels, 1, 1]
                : [1, layer.Channels, CeilDiv(height, layer.Stride), CeilDiv(width, layer.Stride)];
            Assert.True(expected.SequenceEqual(activations[layer.Name].shape),
                $"{layer.Name} at {height}x{width}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", activations[layer.Name].shape)}]");
            Assert.True(activations[layer.Name].isfinite().all().item<bool>(), $"{layer.Name} has non-finite values");
        }
    }

    [Fact]
    public void AskingForTheStemRunsOnlyTheStem()
    {
        using var scope = NewDisposeScope();
        var rgb = SyntheticPicture.Create(160, 160);

        var full = _backbone.Extract(rgb, ["stem_relu", "layer4"]);
        var allButPool = _backbone.NodesExecuted;
        var stem = _backbone.Extract(rgb, ["stem_relu"]);
        var stemOnly = _backbone.NodesExecuted;

        Assert.Equal(3, stemOnly);
        Assert.Equal(_backbone.NodeCount - 1, allButPool);
        Assert.Equal(0f, (stem["stem_relu"] - full["stem_relu"]).abs().max().item<float>());
    }

    [Fact]
    public void GradientsReachThePictureButNotTheWeights()
    {
        using var scope = NewDisposeScope();
        var rgb = SyntheticPicture.Create(64, 64).requires_grad_(true);

        _backbone.Extract(rgb, ["layer3"])["layer3"].square().mean().backward();

        Assert.NotNull(rgb.grad);
        Assert.True(rgb.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void RepeatedExtractionsLeaveNoTensorsAlive()
    {
        void Step()
        {
            using var scope = NewDisposeScope();
            var rgb = rand([1, 3, 64, 64], generator: new Generator(3)).requires_grad_(true);
            var activations = _backbone.Extract(rgb, _backbone.DefaultStyleLayers);
            activations.Values.Select(a => a.square().mean()).Aggregate((a, b) => a + b).backward();
        }

        Step();
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 5; i++)
        {
            Step();
        }

        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void UnknownLayerNamesAreRejectedWithTheChoices()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => _backbone.Extract(zeros(1, 3, 32, 32), ["conv4_2"]));
        Assert.Contains("conv4_2", e.Message);
        Assert.Contains("layer3_1", e.Message);
    }

    [Fact]
    public void ATruncatedModelFileFailsWithAMessageNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"truncated-resnet18-{Guid.NewGuid():N}.onnx");
        using (var source = File.OpenRead(ResNet18Fixture.ModelPath))
        using (var target = File.Create(path))
        {
            var head = new byte[1 << 20];
            source.ReadExactly(head);
            target.Write(head);
        }

        try
        {
            var e = Assert.Throws<InvalidDataException>(() => ResNet18Backbone.Load(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("truncated", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Every distinct layer, after the same preprocessing, within 1e-4 of ONNX Runtime relative to its largest value.</summary>
    private void AssertMatchesOnnxRuntime(Tensor rgb)
    {
        var layers = _backbone.Layers.DistinctBy(l => l.Tensor).ToList();
        var ours = _backbone.Extract(rgb, [.. layers.Select(l => l.Name)]);
        var preprocessed = _backbone.Preprocessing.Apply(rgb).contiguous();

        // The graph's own output is the pooled features; the other layers become outputs by appending them.
        var model = File.ReadAllBytes(ResNet18Fixture.ModelPath)
            .Concat(OnnxBuilder.ExtraOutputs(layers.Where(l => l.Name != "pool").Select(l => l.Tensor)))
            .ToArray();
        using var session = new InferenceSession(model);
        var input = new DenseTensor<float>(preprocessed.data<float>().ToArray(), [1, 3, 224, 224]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), input)], [.. layers.Select(l => l.Tensor)]);

        foreach (var layer in layers)
        {
            var reference = results.Single(r => r.Name == layer.Tensor).AsTensor<float>();
            var expected = tensor(reference.ToArray(), [.. reference.Dimensions.ToArray().Select(d => (long)d)]);
            var actual = ours[layer.Name];
            Assert.Equal(expected.shape, actual.shape);
            var relativeError = (actual - expected).abs().max().item<float>() / expected.abs().max().item<float>();
            Assert.True(relativeError <= 1e-4f, $"{layer.Name} differs from ONNX Runtime by {relativeError:E2} of its largest value");
        }
    }

    private static long CeilDiv(int a, int b) => (a + b - 1) / b;
}
