using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Backbones;

/// <summary>
/// A deterministic photo-like picture (sky gradient, sun, rolling hills, a striped house, fine grain), for tests that
/// need natural-ish statistics rather than white noise before sample pictures ship with the project.
/// </summary>
internal static class SyntheticPicture
{
    /// <summary>1 x 3 x H x W RGB in 0..1.</summary>
    public static Tensor Create(int height, int width, int seed = 7)
    {
        using var scope = NewDisposeScope();
        var y = linspace(0, 1, height).view(-1, 1).expand(height, width);
        var x = linspace(0, 1, width).view(1, -1).expand(height, width);
        var sky = stack([0.35f + 0.3f * y, 0.55f + 0.25f * y, 0.95f - 0.2f * y]);
        var sunDistance = ((x - 0.75f).square() + (y - 0.25f).square()).sqrt();
        var sun = (sunDistance < 0.1f).to(float32);
        var picture = sky * (1 - sun) + tensor(new[] { 1f, 0.85f, 0.3f }).view(3, 1, 1) * sun;
        var hill = (y > 0.6f + 0.1f * (x * 9).sin() * (x * 2).cos()).to(float32);
        var grass = stack([0.2f + 0.1f * (x * 40).sin(), 0.5f + 0.15f * y, 0.15f * ones_like(y)]);
        picture = picture * (1 - hill) + grass * hill;
        var house = ((x > 0.2f) & (x < 0.42f) & (y > 0.45f) & (y < 0.75f)).to(float32);
        var stripes = ((y * 60).floor() % 2).to(float32);
        var wall = stack([0.7f + 0.2f * stripes, 0.3f + 0.1f * stripes, 0.2f * ones_like(y)]);
        picture = picture * (1 - house) + wall * house;
        var generator = new Generator((ulong)seed);
        var grain = 0.03f * randn([3, height, width], generator: generator);
        return (picture + grain).clamp(0, 1).unsqueeze(0).MoveToOuterDisposeScope();
    }
}
