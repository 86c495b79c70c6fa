using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Tests.Support;

namespace NeuralStyle.Tests.Engine.Transfer;

/// <summary>The explore grid: variants along alpha/beta or the content layer, run small and quick.</summary>
public class ExploreGridTests
{
    private static readonly StyleSettings Full = new()
    {
        Size = 512, Iterations = 400, PreviewEvery = 0, Seed = 5, ContentWeight = 1, StyleWeight = 1e3, Init = InitKind.Content, Backbone = "tiny",
    };

    private static readonly SketchSize Quick = new(48, 30);

    [Fact]
    public void RatioGridSpansTwoDecadesEitherSideOfTheChosenRatioAndKeepsEverythingElse()
    {
        var grid = ExploreGrid.Build(Full, ExploreAxis.ContentStyleRatio, 5, BackboneCatalog.Depths("vgg19")!, Quick);

        // Around the paper's alpha/beta = 1e-3: its Figure 4 range 1e-1 ... 1e-5.
        Assert.Equal([1e-1, 1e-2, 1e-3, 1e-4, 1e-5], grid.Select(s => Math.Round(s.FullSize!.ContentWeight / s.FullSize.StyleWeight, 12)));
        Assert.All(grid, s => Assert.Equal(Full with { StyleWeight = s.FullSize!.StyleWeight }, s.FullSize));
        Assert.All(grid, s => Assert.Equal((48, 30, 5L, 0), (s.Settings.Size, s.Settings.Iterations, s.Settings.Seed, s.Settings.CoarseToFineAbove)));
        Assert.Equal("Content/style 1e-1", grid[0].Title);
    }

    [Fact]
    public void LayerGridUsesTheBackbonesOwnDepthsBelowTheShallowest()
    {
        var resnet = ExploreGrid.Build(Full, ExploreAxis.ContentLayer, 2, BackboneCatalog.Depths("resnet18")!, Quick);
        var vgg = ExploreGrid.Build(Full, ExploreAxis.ContentLayer, 4, BackboneCatalog.Depths("vgg19")!, Quick);

        Assert.Equal(["layer1", "layer4"], resnet.Select(s => s.Settings.ContentLayers!.Single()));
        Assert.Equal(["relu2_2", "relu3_2", "relu4_2", "relu5_2"], vgg.Select(s => s.FullSize!.ContentLayers!.Single()));
        Assert.StartsWith("Shallow", vgg[0].Caption);
        Assert.StartsWith("Deep", vgg[^1].Caption);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void GridRefusesACountOutsideTwoToSix(int count)
    {
        var error = Assert.Throws<StyleTransferException>(() => ExploreGrid.Build(Full, ExploreAxis.ContentStyleRatio, count, BackboneCatalog.Depths("vgg19")!, Quick));
        Assert.Equal($"An explore grid has 2 to 6 variants (got {count}).", error.Message);
    }

    [Fact]
    public void RatioGridNeedsBothWeightsAboveZero()
    {
        var error = Assert.Throws<StyleTransferException>(() => ExploreGrid.Build(Full with { StyleWeight = 0 }, ExploreAxis.ContentStyleRatio, 3, BackboneCatalog.Depths("vgg19")!, Quick));
        Assert.Contains("content weight and a style weight above zero", error.Message);
    }

    [Fact]
    public void MoreStyleWeightGivesLowerStyleLossAndHigherContentLossAcrossTheGrid()
    {
        using var backbone = new TinyBackbone();
        var photo = Pictures.Photo(64, 48);
        var grid = ExploreGrid.Build(Full with { ContentWeight = 1e-2, StyleWeight = 1 }, ExploreAxis.ContentStyleRatio, 4, LayerDepths.Of(backbone), Quick);
        var shown = new List<int>();

        var results = SketchRun.Run(backbone, photo, [Pictures.Stripes(40, 40)], grid, new RecordingProgress(), (sketch, _) => shown.Add(sketch.Index), CancellationToken.None);

        Assert.Equal([0, 1, 2, 3], shown);
        Assert.Equal(4, results.Select(r => Convert.ToHexString(r.Image.Pixels)).Distinct().Count());
        var content = results.Select(r => r.Steps[^1].ContentLoss).ToArray();
        var style = results.Select(r => r.Steps[^1].StyleLoss).ToArray();
        Assert.True(content.Zip(content.Skip(1)).All(p => p.First < p.Second), $"content loss should rise with the style weight: {string.Join(", ", content)}");
        Assert.True(style.Zip(style.Skip(1)).All(p => p.First > p.Second), $"style loss should fall with the style weight: {string.Join(", ", style)}");
        Assert.All(results, r => Assert.Equal(48, Math.Max(r.Image.Width, r.Image.Height)));
    }

    [Fact]
    public void ContactSheetPutsThePicturesSideBySideWithWhiteGaps()
    {
        var red = new RgbImage(2, 2, [.. Enumerable.Repeat<byte[]>([255, 0, 0], 4).SelectMany(p => p)]);
        var blue = new RgbImage(3, 1, [.. Enumerable.Repeat<byte[]>([0, 0, 255], 3).SelectMany(p => p)]);

        var sheet = SketchRun.ContactSheet([red, blue], gap: 1);

        Assert.Equal((6, 2), (sheet.Width, sheet.Height));
        Assert.Equal(new byte[] { 255, 0, 0, 255, 0, 0, 255, 255, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255 }, sheet.Pixels[..18]);
        Assert.Equal(new byte[] { 255, 0, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255 }, sheet.Pixels[18..]);
    }
}
