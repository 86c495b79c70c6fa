using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Colour;

/// <summary>Seeded synthetic 1 x 3 x H x W pictures with known colour casts, all inside 0..1.</summary>
internal static class ColourPictures
{
    /// <summary>Independent uniform noise per channel around a strong red: R in 0.55..0.85, G in 0.1..0.35, B in 0.1..0.3.</summary>
    public static Tensor ReddishNoise(int height, int width, long seed)
    {
        using var generator = new Generator((ulong)seed);
        var noise = rand(1, 3, height, width, generator: generator);
        var scale = tensor(new[] { 0.3f, 0.25f, 0.2f }).view(1, 3, 1, 1);
        var offset = tensor(new[] { 0.55f, 0.1f, 0.1f }).view(1, 3, 1, 1);
        return noise * scale + offset;
    }

    /// <summary>A left-to-right ramp into blue with a little noise, so its colour covariance has full rank.</summary>
    public static Tensor BluishGradient(int height, int width, long seed)
    {
        using var generator = new Generator((ulong)seed);
        var ramp = linspace(0, 1, width).view(1, 1, 1, width).expand(1, 3, height, width);
        var slope = tensor(new[] { -0.05f, 0.15f, 0.35f }).view(1, 3, 1, 1);
        var offset = tensor(new[] { 0.2f, 0.25f, 0.45f }).view(1, 3, 1, 1);
        return ramp * slope + offset + rand(1, 3, height, width, generator: generator) * 0.05f;
    }

    /// <summary>Every pixel the same colour.</summary>
    public static Tensor Flat(int height, int width, float r, float g, float b) =>
        tensor(new[] { r, g, b }).view(1, 3, 1, 1).expand(1, 3, height, width).contiguous();

    /// <summary>A grey picture (R = G = B) with seeded noise in <paramref name="low"/>..<paramref name="high"/>.</summary>
    public static Tensor GreyNoise(int height, int width, float low, float high, long seed)
    {
        using var generator = new Generator((ulong)seed);
        return (rand(1, 1, height, width, generator: generator) * (high - low) + low).expand(1, 3, height, width).contiguous();
    }

    /// <summary>Per-channel mean (3) and population covariance (3 x 3) of a 1 x 3 x H x W picture, in float64.</summary>
    public static (Tensor Mean, Tensor Covariance) ColourStatistics(Tensor picture)
    {
        var pixels = picture.reshape(3, -1).to(ScalarType.Float64); // 3 x M
        var mean = pixels.mean([1]);
        var centred = pixels - mean.unsqueeze(1);
        return (mean, centred.matmul(centred.t()) / pixels.shape[1]);
    }

    /// <summary>Largest absolute difference between two tensors.</summary>
    public static double MaxDifference(Tensor a, Tensor b) => (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max().item<double>();
}
