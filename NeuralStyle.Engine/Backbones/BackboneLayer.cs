namespace NeuralStyle.Engine.Backbones;

/// <summary>A layer a backbone can return, with the shape of its activation.</summary>
/// <param name="Name">The name callers ask for (<c>layer3</c>).</param>
/// <param name="Tensor">The network's own name for the activation (an ONNX tensor name, for example).</param>
/// <param name="Channels">Channels of the activation.</param>
/// <param name="Stride">Input pixels per activation pixel along each axis (the activation is ceil(H / Stride) x
/// ceil(W / Stride)); 0 for a global pooling, which is 1 x 1 at any size.</param>
public sealed record BackboneLayer(string Name, string Tensor, int Channels, int Stride);
