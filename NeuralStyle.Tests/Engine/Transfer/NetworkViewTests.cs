using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Tests.Support;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Transfer;

/// <summary>"What the network sees" (the paper's Figure 1) on the real pretrained ResNet18, as the web app runs it.</summary>
public sealed class NetworkViewTests : IDisposable
{
    private readonly IBackbone backbone = new BackboneCatalog(new BackboneCatalogOptions()).Load("resnet18", PoolingKind.Average, CPU);
    private readonly RgbImage photo = Pictures.Photo(64, 64);
    private readonly RgbImage painting = Pictures.Stripes(64, 64, 8, (230, 40, 20), (250, 140, 20));

    public void Dispose() => backbone.Dispose();

    [Fact]
    public void PlanRebuildsThePhotoAtEachContentDepthThenTheStyleFromGrowingLayerSets()
    {
        var plan = NetworkView.Plan(new StyleSettings { Backbone = "resnet18", Seed = 4 }, BackboneCatalog.Depths("resnet18")!, new SketchSize(96, 40));

        Assert.Equal(9, plan.Count);
        Assert.Equal(["stem_relu", "layer1", "layer2", "layer3", "layer4"], plan.Take(5).Select(s => s.Settings.ContentLayers!.Single()));
        Assert.All(plan.Take(5), s => Assert.Equal((1.0, 0.0, InitKind.Noise), (s.Settings.ContentWeight, s.Settings.StyleWeight, s.Settings.Init)));
        Assert.Equal(["stem_relu", "stem_relu layer1", "stem_relu layer1 layer2", "stem_relu layer1 layer2 layer3"],
            plan.Skip(5).Select(s => string.Join(" ", s.Settings.StyleLayers!.Select(l => l.Layer))));
        Assert.All(plan.Skip(5), s => Assert.Equal((0.0, InitKind.Noise), (s.Settings.ContentWeight, s.Settings.Init)));
        Assert.All(plan, s => Assert.Null(s.FullSize));
        Assert.All(plan, s => Assert.Equal((96, 40, 4L), (s.Settings.Size, s.Settings.Iterations, s.Settings.Seed)));
    }

    [Fact]
    public void ContentRebuiltFromAShallowLayerIsCloserToThePhotoThanFromADeepOne()
    {
        var plan = NetworkView.Plan(new StyleSettings { Backbone = "resnet18", Seed = 1 }, LayerDepths.Of(backbone), new SketchSize(64, 80));
        Sketch[] shallowAndDeep = [plan[0], plan[3]];

        var results = SketchRun.Run(backbone, photo, [painting], shallowAndDeep, new RecordingProgress(), (_, _) => { }, CancellationToken.None);

        var shallow = PixelMse(results[0].Image, photo);
        var deep = PixelMse(results[1].Image, photo);
        Assert.True(shallow < deep / 2, $"rebuilt from {plan[0].Settings.ContentLayers![0]} MSE {shallow:F4}, from {plan[3].Settings.ContentLayers![0]} {deep:F4}");
        Assert.True(shallow < PixelMse(Grey(64, 64), photo) / 4, $"the shallow rebuild (MSE {shallow:F4}) should look like the photo, not like grey noise");
    }

    [Fact]
    public void StyleRebuiltFromNoiseLowersItsLossAndMovesAwayFromTheNoise()
    {
        var plan = NetworkView.Plan(new StyleSettings { Backbone = "resnet18", Seed = 2, StyleWeight = 1e5 }, LayerDepths.Of(backbone), new SketchSize(64, 40));
        var allLayers = plan[^1];
        var progress = new RecordingProgress();

        var result = SketchRun.Run(backbone, photo, [painting], [allLayers], progress, (_, _) => { }, CancellationToken.None).Single();

        Assert.True(progress.Steps[^1].StyleLoss < progress.Steps[0].StyleLoss / 4, $"style loss {progress.Steps[0].StyleLoss:G3} -> {progress.Steps[^1].StyleLoss:G3}");
        Assert.True(PixelMse(result.Image, Grey(64, 64)) > 0.01, "the texture should have moved well away from the grey noise it started from");
        Assert.True(
            Math.Abs(MeanOf(result.Image, 0) - 128) > Math.Abs(MeanOf(result.Image, 1) - 128),
            "red stripes on orange: the rebuilt texture's red should move further from grey than its green");
    }

    private static double MeanOf(RgbImage image, int channel) => image.Pixels.Where((_, i) => i % 3 == channel).Average(v => (double)v);

    private static RgbImage Grey(int width, int height) => new(width, height, Enumerable.Repeat((byte)128, width * height * 3).ToArray());

    private static double PixelMse(RgbImage a, RgbImage b) =>
        a.Pixels.Zip(b.Pixels).Average(p => Math.Pow((p.First - p.Second) / 255.0, 2));
}
