using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Tests.Support;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Backbones;

public class FeatureScalesTests
{
    private static readonly (string, RgbImage)[] Calibration =
    [
        ("photo", Pictures.Photo(48, 40)),
        ("stripes", Pictures.Stripes(40, 40)),
        ("tall", Pictures.Photo(24, 64)),
    ];

    [Fact]
    public void NormalisedFiltersHaveMeanActivationOneOverTheCalibrationPictures()
    {
        using var scope = NewDisposeScope();
        var scales = FeatureScales.Compute(new TinyBackbone(), Calibration, size: 40);
        using var normalized = new NormalizedBackbone(new TinyBackbone(), scales);

        foreach (var layer in normalized.LayerNames)
        {
            var sum = zeros(scales.Layers[layer].Length, dtype: float64);
            long positions = 0;
            foreach (var (_, picture) in Calibration)
            {
                var activation = normalized.Extract(ImageTensors.FitLongSide(ImageTensors.ToTensor(picture, CPU), 40), [layer])[layer];
                sum += activation.sum([0, 2, 3]).to(float64);
                positions += activation.shape[2] * activation.shape[3];
            }

            var means = (sum / positions).data<double>().ToArray();
            var live = means.Where((_, c) => scales.Layers[layer][c] != 1f).ToArray();
            Assert.NotEmpty(live);
            Assert.All(live, m => Assert.Equal(1.0, m, 4));
        }
    }

    [Fact]
    public void ScalesRoundTripThroughTheirFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scales-{Guid.NewGuid():N}.json");
        try
        {
            var scales = FeatureScales.Compute(new TinyBackbone(), Calibration, size: 32);
            scales.Save(path);
            var loaded = FeatureScales.Load(path);
            Assert.Equal(scales.Backbone, loaded.Backbone);
            Assert.Equal(scales.Calibration, loaded.Calibration);
            Assert.All(scales.Layers, l => Assert.Equal(l.Value, loaded.Layers[l.Key]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DamagedScalesFileIsNamedInTheError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scales-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"Backbone\": \"tiny\", \"Layers\": [1, 2");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => FeatureScales.Load(path));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ScalesForAnotherBackboneAreRefused()
    {
        var scales = new FeatureScales("other", new Dictionary<string, float[]> { ["relu1"] = [1f] }, ["x"]);
        var error = Assert.Throws<InvalidDataException>(() => new NormalizedBackbone(new TinyBackbone(), scales));
        Assert.Contains("relu2, relu3", error.Message);
    }
}
