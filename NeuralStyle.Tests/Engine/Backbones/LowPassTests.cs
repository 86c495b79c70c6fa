using NeuralStyle.Engine.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Backbones;

public class LowPassTests(ResNet18Fixture fixture) : IClassFixture<ResNet18Fixture>
{
    [Fact]
    public void ATwoPixelCheckerboardIsFilteredOutEverywhereEdgesIncluded()
    {
        using var scope = NewDisposeScope();

        var filtered = LowPass.Binomial3(Checkerboard(3, 9, 14));

        Assert.Equal([1, 3, 9, 14], filtered.shape);
        Assert.True(filtered.abs().max().item<float>() < 1e-6, $"largest value left: {filtered.abs().max().item<float>():g3}");
    }

    [Fact]
    public void AFlatPictureAndASlowRampPassUnchanged()
    {
        using var scope = NewDisposeScope();
        var flat = full(1, 2, 6, 7, 0.3f);
        var ramp = linspace(0, 1, 20).view(1, 1, 1, 20).expand(1, 1, 5, 20).contiguous();

        Assert.True(allclose(LowPass.Binomial3(flat), flat, atol: 1e-6));
        // Inside, a linear ramp is its own average; at the reflected ends it bends by a quarter of a step.
        Assert.True(allclose(LowPass.Binomial3(ramp)[.., .., .., 1..19], ramp[.., .., .., 1..19], atol: 1e-6));
    }

    [Fact]
    public void ResNet18WithTheLowPassDoesNotSeeACheckerboardAddedToThePicture()
    {
        // The stride-2 stem reads the picture through the filter: a two-pixel pattern the optimiser could paint for it
        // changes nothing it sees, while the network as trained responds to it strongly.
        using var scope = NewDisposeScope();
        using var smooth = ResNet18Backbone.Load(ResNet18Fixture.ModelPath, lowPassBeforeStride: true);
        var picture = SyntheticPicture.Create(64, 80);
        var painted = picture + Checkerboard(3, 64, 80) * 0.05f;

        var plain = Change(fixture.Backbone, picture, painted);
        var filtered = Change(smooth, picture, painted);

        Assert.True(filtered < plain / 100, $"The checkerboard moved stem_relu by {plain:g3} as trained and by {filtered:g3} with the low-pass.");
    }

    private static double Change(IBackbone backbone, Tensor picture, Tensor painted)
    {
        using var scope = NewDisposeScope();
        var before = backbone.Extract(picture, ["stem_relu"])["stem_relu"];
        var after = backbone.Extract(painted, ["stem_relu"])["stem_relu"];
        return (after - before).norm().item<float>();
    }

    /// <summary>+1 and -1 alternating along both axes: the pattern a stride-2 layer cannot tell from flat.</summary>
    private static Tensor Checkerboard(int channels, int height, int width) =>
        ((arange(height).view(-1, 1) + arange(width).view(1, -1)).remainder(2) * 2 - 1).to(ScalarType.Float32).expand(1, channels, height, width).contiguous();
}
