// Measures of a stylised picture that know nothing of the network that made it (the project's issue 21): how much
// periodic grid it adds, and how far its colours, its textures and its layout moved from the photo's.
using NeuralStyle.Engine.Imaging;

namespace NeuralStyle.Engine.Quality;

/// <summary>
/// What a person sees in a result, beside its photo and its painting, in four numbers. None comes from a network, so
/// none can be passed by lowering the optimiser's loss without changing the picture.
/// </summary>
/// <param name="Grid">
/// Periodic structure the result adds over the photo (log10 of spectral peaks over their surroundings, averaged): about
/// 0 when nothing is added, above 0.3 a visible checkerboard.
/// </param>
/// <param name="Colour">Distance of the result's colours to the painting's over the photo's: 1 = unchanged, 0 = the painting's palette.</param>
/// <param name="Texture">Distance of the result's gradient statistics to the painting's over the photo's: 1 = unchanged, 0 = the painting's.</param>
/// <param name="Layout">Correlation of the result's large edges with the photo's: 1 = the photo's layout, near 0 = lost.</param>
public sealed record PictureQuality(double Grid, double Colour, double Texture, double Layout)
{
    /// <summary>Measures <paramref name="result"/> against the <paramref name="photo"/> it was made from (at any size) and the <paramref name="painting"/>.</summary>
    public static PictureQuality Measure(RgbImage result, RgbImage photo, RgbImage painting)
    {
        var photoAtSize = ImageResizer.Resize(photo, result.Width, result.Height);
        return new PictureQuality(
            PictureMeasures.Grid(result, photoAtSize),
            PictureMeasures.Colour(result, photoAtSize, painting),
            PictureMeasures.Texture(result, photoAtSize, painting),
            PictureMeasures.Layout(result, photoAtSize));
    }

    /// <summary>Whether this picture meets <paramref name="goals"/>; a sparse painting may be let off colour and texture.</summary>
    public bool Meets(QualityGoals goals) =>
        Grid <= goals.MaxGrid && Layout >= goals.MinLayout && Colour <= goals.MaxColour && Texture <= goals.MaxTexture;

    /// <inheritdoc />
    public override string ToString() => $"grid {Grid:+0.00;-0.00} colour {Colour:0.00} texture {Texture:0.00} layout {Layout:0.00}";
}

/// <summary>
/// The bounds a default run should stay within (issue 21): grid at most 0.10 and layout at least 0.50 on every pair,
/// colour at most 0.50 and texture at most 0.45 on (nearly) every pair.
/// </summary>
public sealed record QualityGoals(double MaxGrid = 0.10, double MinLayout = 0.50, double MaxColour = 0.50, double MaxTexture = 0.45)
{
    /// <summary>The goals of the defaults.</summary>
    public static QualityGoals Defaults { get; } = new();
}
