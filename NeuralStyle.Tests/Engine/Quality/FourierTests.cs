using System.Numerics;
using NeuralStyle.Engine.Quality;

namespace NeuralStyle.Tests.Engine.Quality;

public class FourierTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(17)]
    [InlineData(300)]
    public void TransformMatchesTheDefinitionAtEveryLength(int n)
    {
        var random = new Random(n);
        var input = Enumerable.Range(0, n).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        var fast = (Complex[])input.Clone();

        Fourier.Transform(fast);

        for (var k = 0; k < n; k++)
        {
            var direct = Complex.Zero;
            for (var j = 0; j < n; j++)
            {
                direct += input[j] * Complex.FromPolarCoordinates(1, -2 * Math.PI * k * j / n);
            }

            Assert.True((fast[k] - direct).Magnitude < 1e-9 * n, $"Bin {k} of {n}: {fast[k]} against {direct}.");
        }
    }

    [Fact]
    public void ACosineAlongXPutsItsPowerInItsTwoBins()
    {
        const int width = 24;
        const int height = 10;
        var values = new double[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                values[y * width + x] = Math.Cos(2 * Math.PI * 3 * x / width);
            }
        }

        var power = Fourier.PowerSpectrum(new GreyPlane(width, height, values));

        // A cosine of amplitude 1 over N = 240 samples puts (N/2)^2 in each of bins +3 and -3 of row 0.
        Assert.Equal(120 * 120, power[3], 6);
        Assert.Equal(120 * 120, power[width - 3], 6);
        Assert.Equal(2 * 120 * 120, power.Sum(), 4);
    }
}
