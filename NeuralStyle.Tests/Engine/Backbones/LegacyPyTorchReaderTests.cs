using NeuralStyle.Engine.Backbones;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Backbones;

public sealed class LegacyPyTorchReaderTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Engine", "Backbones", "Data", "legacy-state-dict.pth");

    [Fact]
    public void PrePyTorch16StateDictIsReadWithItsShapesTypesAndValues()
    {
        using var scope = NewDisposeScope();
        using var stream = File.OpenRead(Fixture);

        var dict = LegacyPyTorchReader.ReadStateDict(stream);

        Assert.Equal(["conv.bias", "conv.weight", "rebuilt.by.v1", "view.of.shared"], dict.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([2L, 3, 3, 3], dict["conv.weight"].shape);
        Assert.Equal(ScalarType.Float32, dict["conv.weight"].dtype);
        Assert.Equal(Enumerable.Range(0, 54).Select(i => i * 0.25f - 3), dict["conv.weight"].data<float>().ToArray());
        Assert.Equal(ScalarType.Float64, dict["conv.bias"].dtype);
        Assert.Equal([1.5, -2.5], dict["conv.bias"].data<double>().ToArray());
    }

    [Fact]
    public void TensorsSharingAStorageKeepTheirOffsetsAndStrides()
    {
        using var scope = NewDisposeScope();
        using var stream = File.OpenRead(Fixture);

        var dict = LegacyPyTorchReader.ReadStateDict(stream);

        // Storage 0..5; the view starts at 1 with strides (1, 2), the v1-style tensor at 3.
        Assert.Equal([1f, 3, 2, 4], dict["view.of.shared"].contiguous().data<float>().ToArray());
        Assert.Equal([2L, 2], dict["view.of.shared"].shape);
        Assert.Equal([3f, 4, 5], dict["rebuilt.by.v1"].data<float>().ToArray());
    }

    [Fact]
    public void FileEndingInsideAStorageIsRefused()
    {
        var bytes = File.ReadAllBytes(Fixture);
        using var stream = new MemoryStream(bytes[..(bytes.Length - 20)]);

        var error = Assert.Throws<InvalidDataException>(() => LegacyPyTorchReader.ReadStateDict(stream));

        Assert.Contains("ends inside storage", error.Message);
    }
}
