using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Backbones;

public sealed class Vgg19Tests
{
    [Fact]
    public void ArchitectureHasSixteenConvolutionsFivePoolsAndNoFullyConnectedLayer()
    {
        using var network = new Vgg19();
        var modules = network.modules().ToList();

        Assert.Equal(16, modules.OfType<Conv2d>().Count());
        Assert.Equal(5, modules.OfType<AvgPool2d>().Count());
        Assert.Empty(modules.OfType<MaxPool2d>());
        Assert.Empty(modules.OfType<Linear>());
        Assert.All(modules.OfType<Conv2d>(), c => Assert.Equal([3, 3], c.weight!.shape[2..]));
    }

    [Fact]
    public void ParametersAreNamedLikeThePapersLayersWithVggChannelCounts()
    {
        using var network = new Vgg19();
        var shapes = network.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);

        Assert.Equal(32, shapes.Count);
        Assert.Equal([64, 3, 3, 3], shapes["conv1_1.weight"]);
        Assert.Equal([128, 64, 3, 3], shapes["conv2_1.weight"]);
        Assert.Equal([256, 256, 3, 3], shapes["conv3_4.weight"]);
        Assert.Equal([512, 256, 3, 3], shapes["conv4_1.weight"]);
        Assert.Equal([512, 512, 3, 3], shapes["conv5_4.weight"]);
        Assert.Equal([512], shapes["conv5_4.bias"]);
    }

    [Fact]
    public void LayerNamesRunFromConv1_1ToPool5InForwardOrder()
    {
        Assert.Equal(16 * 2 + 5, Vgg19.LayerNames.Count);
        Assert.Equal(["conv1_1", "relu1_1", "conv1_2", "relu1_2", "pool1", "conv2_1"], Vgg19.LayerNames.Take(6));
        Assert.Equal(["conv5_4", "relu5_4", "pool5"], Vgg19.LayerNames.TakeLast(3));
        Assert.Equal(5, Vgg19.LayerNames.Count(n => n.StartsWith("pool", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(224, 224)]
    [InlineData(67, 45)]
    public void EveryLayerHasVggsChannelsAndHalvesTheSizeAtEachPool(int height, int width)
    {
        using var scope = NewDisposeScope();
        using var backbone = RandomBackbone(PoolingKind.Average);

        var activations = backbone.Extract(rand(1, 3, height, width), Vgg19.LayerNames.ToList());

        Assert.Equal(Vgg19.LayerNames.Count, activations.Count);
        foreach (var (name, activation) in activations)
        {
            var block = name[4] - '0';
            var channels = Math.Min(64 << (block - 1), 512);
            var poolsBefore = name.StartsWith("pool", StringComparison.Ordinal) ? block : block - 1;
            Assert.Equal([1L, channels, height >> poolsBefore, width >> poolsBefore], activation.shape);
        }
    }

    [Fact]
    public void AverageAndMaxPoolingTakeTheMeanAndTheMaximumOfEachTwoByTwoWindow()
    {
        using var scope = NewDisposeScope();
        using var average = RandomBackbone(PoolingKind.Average);
        using var max = RandomBackbone(PoolingKind.Max);
        var rgb = rand(1, 3, 64, 64, generator: new Generator(7));

        var a = average.Extract(rgb, ["relu1_2", "pool1"]);
        var m = max.Extract(rgb, ["relu1_2", "pool1"]);

        Assert.True(TensorAssert.Identical(a["relu1_2"], m["relu1_2"]));
        Assert.True(allclose(a["pool1"], nn.functional.avg_pool2d(a["relu1_2"], 2, 2)));
        Assert.True(allclose(m["pool1"], nn.functional.max_pool2d(m["relu1_2"], 2, 2)));
        Assert.True((m["pool1"] - a["pool1"]).abs().max().item<float>() > 1e-3f);
    }

    [Fact]
    public void AskingForAnEarlyLayerRunsNothingBeyondIt()
    {
        using var scope = NewDisposeScope();
        using var backbone = RandomBackbone(PoolingKind.Average);
        var calls = CountCalls(backbone.Network, "conv1_2", "conv5_1");

        backbone.Extract(rand(1, 3, 64, 64), ["relu1_1"]);
        Assert.Equal(0, calls["conv1_2"]);
        Assert.Equal(0, calls["conv5_1"]);

        backbone.Extract(rand(1, 3, 64, 64), ["relu1_1", "relu4_2"]);
        Assert.Equal(1, calls["conv1_2"]);
        Assert.Equal(0, calls["conv5_1"]);
    }

    [Fact]
    public void ConvActivationIsTheResponseBeforeTheRectifier()
    {
        using var scope = NewDisposeScope();
        using var backbone = RandomBackbone(PoolingKind.Average);

        var activations = backbone.Extract(rand(1, 3, 32, 32), ["conv2_1", "relu2_1"]);

        Assert.True(activations["conv2_1"].min().item<float>() < 0);
        Assert.True(TensorAssert.Identical(activations["conv2_1"].clamp_min(0), activations["relu2_1"]));
    }

    [Fact]
    public void GradientsReachThePictureButNotTheWeights()
    {
        using var scope = NewDisposeScope();
        using var backbone = RandomBackbone(PoolingKind.Average);
        var rgb = rand(1, 3, 32, 32).requires_grad_();

        backbone.Extract(rgb, ["relu3_1"])["relu3_1"].sum().backward();

        Assert.NotNull(rgb.grad);
        Assert.True(rgb.grad!.abs().sum().item<float>() > 0);
        Assert.All(backbone.Network.parameters(), p => Assert.False(p.requires_grad));
    }

    [Fact]
    public void RepeatedExtractionLeavesNoTensorsBehind()
    {
        using var backbone = RandomBackbone(PoolingKind.Average);
        using var rgb = rand(1, 3, 32, 32);
        Extract();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (var i = 0; i < 5; i++)
        {
            Extract();
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);

        void Extract()
        {
            using var scope = NewDisposeScope();
            backbone.Extract(rgb, backbone.DefaultStyleLayers.Concat(backbone.DefaultContentLayers).ToList());
        }
    }

    [Fact]
    public void UnknownLayerIsRefusedWithTheValidNames()
    {
        using var backbone = RandomBackbone(PoolingKind.Average);

        var error = Assert.Throws<ArgumentException>(() => backbone.Extract(rand(1, 3, 32, 32), ["relu6_1"]));

        Assert.Contains("relu6_1", error.Message);
        Assert.Contains("relu5_4", error.Message);
    }

    [Fact]
    public void DefaultsAreThePapersRectifiedLayers()
    {
        using var backbone = RandomBackbone(PoolingKind.Average);

        Assert.Equal(["relu4_2"], backbone.DefaultContentLayers);
        Assert.Equal(["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"], backbone.DefaultStyleLayers);
        Assert.All(backbone.DefaultStyleLayers.Concat(backbone.DefaultContentLayers), l => Assert.Contains(l, backbone.LayerNames));
    }

    private static Vgg19Backbone RandomBackbone(PoolingKind pooling)
    {
        manual_seed(19);
        using var source = new Vgg19();
        using var weights = new Vgg19Weights(
            "random",
            source.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone()),
            Vgg19Convention.TorchVision);
        return Vgg19Backbone.FromWeights(weights, pooling);
    }

    private static Dictionary<string, int> CountCalls(Vgg19 network, params string[] convolutions)
    {
        var calls = convolutions.ToDictionary(c => c, _ => 0);
        foreach (var (name, module) in network.named_modules())
        {
            if (calls.ContainsKey(name))
            {
                ((Conv2d)module).register_forward_hook((_, _, output) =>
                {
                    calls[name]++;
                    return output;
                });
            }
        }

        return calls;
    }
}
