using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Tests.Engine.Backbones;
using NeuralStyle.Tests.Support;
using TorchSharp;

namespace NeuralStyle.Tests.Engine.Transfer;

/// <summary>Sketches batched through the network come out as they would one by one.</summary>
public sealed class SketchBatchTests(ResNet18Fixture resnet) : IClassFixture<ResNet18Fixture>
{
    private static readonly StyleSettings Full = new()
    {
        Size = 512, Iterations = 400, PreviewEvery = 0, Seed = 5, ContentWeight = 1, StyleWeight = 1e5, Init = InitKind.Content,
    };

    private static readonly RgbImage Photo = Pictures.Photo(64, 48);
    private static readonly RgbImage Painting = Pictures.Stripes(40, 40);

    [Theory]
    [InlineData(OptimizerKind.Lbfgs)]
    [InlineData(OptimizerKind.Adam)]
    public void EachPictureOfABatchIsThePictureItsOwnRunMakes(OptimizerKind optimizer)
    {
        // Four ratios four decades apart: if the pictures shared a curvature history or a step length, or leaked
        // gradient into each other, at least one would come out far from its own run. Few iterations: a batch's
        // convolutions add up in another order, and over many L-BFGS steps such 1e-7 differences can grow.
        var grid = ExploreGrid.Build(Full with { Optimizer = optimizer }, ExploreAxis.ContentStyleRatio, 4, LayerDepths.Of(resnet.Backbone), new SketchSize(48, 6));

        var batched = SketchRun.Run(resnet.Backbone, Photo, [Painting], grid, new RecordingProgress(), (_, _) => { }, CancellationToken.None);
        var alone = grid.Select(s => StyleTransfer.Run(resnet.Backbone, Photo, [Painting], s.Settings, new RecordingProgress(), CancellationToken.None)).ToArray();

        for (var i = 0; i < grid.Count; i++)
        {
            var (mine, own) = (batched[i].Steps[^1].TotalLoss, alone[i].Steps[^1].TotalLoss);
            Assert.True(Math.Abs(mine - own) <= 1e-5 * own, $"{grid[i].Title}: loss {mine:G6} batched against {own:G6} alone");
            Assert.True(MaxDifference(batched[i].Image, alone[i].Image) <= 1, $"{grid[i].Title}: pixels differ by {MaxDifference(batched[i].Image, alone[i].Image)} levels");
        }

        Assert.Equal(4, batched.Select(r => Convert.ToHexString(r.Image.Pixels)).Distinct().Count());
    }

    [Fact]
    public void AContentLayerGridAndANetworkViewRunWithEachSketchInItsPlace()
    {
        var depths = LayerDepths.Of(resnet.Backbone);
        var plan = NetworkView.Plan(Full, depths, new SketchSize(32, 3));
        var finished = new List<int>();
        var progress = new RecordingProgress();

        var results = SketchRun.Run(resnet.Backbone, Photo, [Painting], plan, progress, (sketch, _) => finished.Add(sketch.Index), CancellationToken.None);

        // Content rebuilds (L-BFGS) and style rebuilds (Adam) are two batches, run in the plan's order.
        Assert.Equal(plan.Select(s => s.Index), finished);
        Assert.All(results, r => Assert.Equal(3, r.Steps.Count));
        var total = plan.Sum(s => s.Settings.Iterations);
        Assert.Equal(total, progress.Steps[^1].Iteration);
        Assert.All(progress.Steps, s => Assert.Equal(total, s.Iterations));
        Assert.Equal(6, progress.Steps.Count);
    }

    [Fact]
    public void ABatchedRunLeavesNoTensorBehind()
    {
        var grid = ExploreGrid.Build(Full, ExploreAxis.ContentLayer, 3, LayerDepths.Of(resnet.Backbone), new SketchSize(32, 20));
        var live = new List<long>();
        var progress = new RecordingProgress(_ => live.Add(DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount));
        var before = DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

        SketchRun.Run(resnet.Backbone, Photo, [Painting], grid, progress, (_, _) => { }, CancellationToken.None);

        // Once the history is allocated (after the second step), each step leaves exactly what it found.
        Assert.All(live.Skip(2), count => Assert.Equal(live[2], count));
        Assert.Equal(before, DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
    }

    private static int MaxDifference(RgbImage a, RgbImage b) => a.Pixels.Zip(b.Pixels).Max(p => Math.Abs(p.First - p.Second));
}
