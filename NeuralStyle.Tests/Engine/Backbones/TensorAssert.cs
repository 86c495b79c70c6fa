using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Backbones;

internal static class TensorAssert
{
    /// <summary>Same shape and bit-for-bit the same values.</summary>
    public static bool Identical(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
