namespace NeuralStyle.Engine.Backbones;

/// <summary>
/// A backbone's layers in the roles of the paper's Figure 1, shallowest first: <see cref="Content"/> are the
/// counterparts of conv1_2 ... conv5_2 (where the content is rebuilt from), <see cref="Style"/> those of
/// conv1_1 ... conv5_1 (the style is rebuilt from the first one, the first two, and so on).
/// </summary>
/// <param name="Content">Content layers, shallowest first.</param>
/// <param name="Style">Style layers, shallowest first.</param>
public sealed record LayerDepths(IReadOnlyList<string> Content, IReadOnlyList<string> Style)
{
    /// <summary>
    /// The depths of <paramref name="backbone"/>: the catalog's for the backbones it knows, otherwise its default style
    /// layers in both roles.
    /// </summary>
    public static LayerDepths Of(IBackbone backbone) =>
        BackboneCatalog.Depths(backbone.Name) ?? new LayerDepths(backbone.DefaultStyleLayers, backbone.DefaultStyleLayers);
}
