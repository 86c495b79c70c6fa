using static TorchSharp.torch;

namespace NeuralStyle.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void NativeTorchLoadsAndComputes()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 2, 3 });
        Assert.Equal(14f, (x * x).sum().item<float>());
    }
}
