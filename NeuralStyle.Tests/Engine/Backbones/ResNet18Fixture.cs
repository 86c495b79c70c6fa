using NeuralStyle.Engine.Backbones;

namespace NeuralStyle.Tests.Engine.Backbones;

/// <summary>Loads the embedded ResNet18 once for a test class (about 64 MB of weights).</summary>
public sealed class ResNet18Fixture : IDisposable
{
    public ResNet18Backbone Backbone { get; } = ResNet18Backbone.LoadEmbedded();

    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, ResNet18Backbone.EmbeddedRelativePath);

    public void Dispose() => Backbone.Dispose();
}
