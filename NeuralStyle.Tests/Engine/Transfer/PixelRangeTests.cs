using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Quality;
using NeuralStyle.Engine.Transfer;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Transfer;

public class PixelRangeTests
{
    [Fact]
    public void APictureInsideTheRangeIsLeftAsItIs()
    {
        using var scope = NewDisposeScope();
        var picture = rand([1, 3, 20, 30], generator: new Generator(4));

        Assert.True(allclose(PixelRange.Clip(picture), picture, atol: 1e-7));
    }

    [Fact]
    public void EveryPixelEndsInsideTheRangeAndFlatExcessIsClippedAsUsual()
    {
        using var scope = NewDisposeScope();
        var picture = full(1, 3, 16, 16, 0.5f);
        picture[.., .., ..8, ..] = full(1, 3, 8, 16, -0.3f);
        picture[0, 0, 12, 12] = 1.7f;

        var clipped = PixelRange.Clip(picture);

        Assert.InRange(clipped.min().item<float>(), 0f, 1f);
        Assert.InRange(clipped.max().item<float>(), 0f, 1f);
        Assert.True(clipped[.., .., ..6, ..].abs().max().item<float>() < 1e-6, "A flat area below the range becomes black.");
    }

    [Fact]
    public void AFourPixelPatternAroundBlackDoesNotComeOutAsATwoPixelGrid()
    {
        // Half a picture of a fine four-pixel pattern swinging about black, as the optimiser leaves a dark painting's
        // strokes: clipped pixel by pixel it is rectified into a two-pixel pattern; taken off smoothly it is not.
        using var scope = NewDisposeScope();
        var (height, width) = (96, 128);
        var x = arange(width).to(ScalarType.Float32).view(1, 1, 1, width).expand(1, 3, height, width);
        var pattern = (x * (Math.PI / 2)).sin() * 0.08f - 0.02f;
        var bright = linspace(0.3, 0.7, width).view(1, 1, 1, width).expand(1, 3, height / 2, width);
        var picture = cat([pattern[.., .., ..(height / 2), ..], bright], 2);
        var reference = ImageTensors.ToImage(picture.clamp(0f, 1f).clamp_min(0.5f));

        var hard = PictureMeasures.Grid(ImageTensors.ToImage(picture.clamp(0f, 1f)), reference);
        var smooth = PictureMeasures.Grid(ImageTensors.ToImage(PixelRange.Clip(picture)), reference);

        Assert.True(smooth < hard - 0.3, $"Grid: clipped pixel by pixel {hard:F2}, taken off smoothly {smooth:F2}.");
    }
}
