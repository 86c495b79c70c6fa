using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Losses;
using NeuralStyle.Web.Cli;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Backbones;

/// <summary>
/// The paper's normalisation is what lets one alpha/beta mean roughly the same on different networks: without it the
/// balance of style to content loss depends on each network's arbitrary activation scale.
/// </summary>
public class NormalisationAcrossBackbonesTests
{
    [Fact]
    public void NormalisationBringsTheBackbonesLossBalanceOrdersOfMagnitudeCloser()
    {
        using var scope = NewDisposeScope();
        var samples = Directory.EnumerateFiles(CliPictures.SamplesFolder, "*.jpg").Order(StringComparer.Ordinal).Select(Read).ToArray();
        var content = ImageTensors.FitLongSide(ImageTensors.ToTensor(samples.Single(s => s.Name == "chelsea.jpg").Picture, CPU), 128);
        var style = ImageTensors.FitLongSide(ImageTensors.ToTensor(samples.Single(s => s.Name == "starry-night.jpg").Picture, CPU), 128);
        manual_seed(5);
        var noise = rand_like(content);

        // VGG19 with seeded random weights, since the real ones cannot be downloaded here; ResNet18 is the real one.
        manual_seed(2016);
        using var vggNetwork = new Vgg19();
        using var vgg = Vgg19Backbone.FromWeights(
            Vgg19WeightLoader.FromStateDict("random", vggNetwork.state_dict().ToDictionary(k => k.Key, k => k.Value.clone()), Vgg19Convention.TorchVision));
        using var resnet = ResNet18Backbone.LoadEmbedded();

        double Balance(IBackbone b) => Math.Log10(StyleToContent(b, noise, content, style));
        var raw = Math.Abs(Balance(resnet) - Balance(vgg));
        var normalised = Math.Abs(
            Balance(new NormalizedBackbone(resnet, FeatureScales.Compute(resnet, samples, 128)))
            - Balance(new NormalizedBackbone(vgg, FeatureScales.Compute(vgg, samples, 128))));

        // Measured: 4.9 decades apart raw, 3.2 normalised. Part of what remains is random weights against trained
        // ones; with the real VGG19 the gap should shrink further (not checkable here: no download).
        Assert.True(normalised < raw - 1, $"raw networks {raw:F1} decades apart, normalised {normalised:F1}");
    }

    /// <summary>L_style / L_content for white noise against the photo and the painting, at the backbone's default layers.</summary>
    private static double StyleToContent(IBackbone backbone, Tensor noise, Tensor content, Tensor style)
    {
        using var scope = NewDisposeScope();
        var layers = backbone.DefaultContentLayers.Concat(backbone.DefaultStyleLayers).ToArray();
        var (x, p, a) = (backbone.Extract(noise, layers), backbone.Extract(content, layers), backbone.Extract(style, layers));
        var contentLoss = backbone.DefaultContentLayers.Sum(l => StyleLosses.ContentLoss(x[l], p[l]).item<float>());
        var styleLoss = backbone.DefaultStyleLayers.Sum(l =>
            StyleLosses.StyleLayerLoss(StyleLosses.GramMatrix(x[l]), StyleLosses.GramMatrix(a[l]), x[l].shape[2] * x[l].shape[3]).item<float>())
            / backbone.DefaultStyleLayers.Count;
        return styleLoss / contentLoss;
    }

    private static (string Name, RgbImage Picture) Read(string path)
    {
        using var stream = File.OpenRead(path);
        return (Path.GetFileName(path), ImageLoader.Load(stream, ImageLimits.Default));
    }
}
