using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Web.Jobs;

/// <summary>A colour mode as the form, the command line and the pages name and explain it.</summary>
/// <param name="Name">The short name the API takes (as the <c>stylize</c> verb's <c>--colour</c>).</param>
/// <param name="Title">A label for the Create page and the gallery.</param>
/// <param name="Hint">What it does, in plain words.</param>
public sealed record ColourChoice(ColourMode Mode, string Name, string Title, string Hint);

/// <summary>The four colour modes (Gatys et al. 2017, "Controlling Perceptual Factors in Neural Style Transfer").</summary>
public static class ColourChoices
{
    public static IReadOnlyList<ColourChoice> All { get; } =
    [
        new(ColourMode.Style, "style", "The style picture's colours",
            "Colours come from the painting, as in the original paper."),
        new(ColourMode.Luminance, "luminance", "Keep the photo's colours",
            "Keep the photo's colours: the style changes light and texture only."),
        new(ColourMode.MatchStyleToPhoto, "match", "Painting recoloured to the photo",
            "The painting is first recoloured with the photo's palette, then painted: the photo's colours with the style's brushwork."),
        new(ColourMode.OriginalColours, "original", "Photo's colours put back afterwards",
            "Painted as usual, then the photo's colours are put back in (the quick \"original colours\" swap)."),
    ];

    public static ColourChoice Of(ColourMode mode) => All.First(c => c.Mode == mode);

    /// <summary>Reads a short name (<c>match</c>) or the mode's own name (<c>matchStyleToPhoto</c>, as the API's JSON writes it).</summary>
    public static ColourChoice? Parse(string text) =>
        All.FirstOrDefault(c => string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Mode.ToString(), text, StringComparison.OrdinalIgnoreCase));
}
