using System.Diagnostics;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;

namespace NeuralStyle.Engine.Transfer;

/// <summary>Runs a set of sketches, batched through the network where they allow it, and lays their pictures side by side.</summary>
public static class SketchRun
{
    /// <summary>
    /// Runs the sketches on <paramref name="backbone"/>, each at its size in one stage. Sketches that differ only in the
    /// objective's weights and layers (an explore grid; a network view's content rebuilds, and its style rebuilds) go
    /// through the network together as one batch, each with its own L-BFGS state, so each comes out as it would alone.
    /// <paramref name="finished"/> is called for each sketch as its batch ends, in order.
    /// </summary>
    /// <remarks>
    /// Batched because it is never slower: on one core of the 2-core CPU server a 4-sketch grid ran 1.07 times as fast
    /// as one batch at 128 px and as fast at 256 px (docs/PERFORMANCE.md, "Explore grids"); a GPU, which one small
    /// picture leaves mostly idle, should gain more (not measured). Progress gets one report per batched step,
    /// counting the sketches' iterations (a step of a batch of four counts four) and summing their losses.
    /// </remarks>
    /// <returns>The results in the order of <paramref name="sketches"/>.</returns>
    /// <exception cref="StyleTransferException">Bad settings, unknown layers, divergence or out of memory.</exception>
    public static IReadOnlyList<StyleResult> Run(
        IBackbone backbone,
        RgbImage content,
        IReadOnlyList<RgbImage> styles,
        IReadOnlyList<Sketch> sketches,
        IStyleProgress progress,
        Action<Sketch, StyleResult> finished,
        CancellationToken cancellationToken)
    {
        var errors = sketches.SelectMany(s => StyleSettingsValidation.Validate(s.Settings)).Distinct().ToArray();
        if (errors.Length > 0)
        {
            throw new StyleTransferException(string.Join(" ", errors));
        }

        if (styles.Count == 0)
        {
            throw new StyleTransferException("Add at least one style picture.");
        }

        var results = new Dictionary<Sketch, StyleResult>();
        var (before, total, clock) = (0, sketches.Sum(s => s.Settings.Iterations), Stopwatch.StartNew());
        foreach (var group in sketches.GroupBy(s => SketchBatch.Key(s.Settings)).Select(g => g.ToArray()))
        {
            var made = StyleTransfer.WithinMemory(
                backbone, group[0].Settings.Size, () => SketchBatch.Run(backbone, content, styles, group, before, total, clock, progress, cancellationToken));
            for (var i = 0; i < group.Length; i++)
            {
                results[group[i]] = made[i];
                finished(group[i], made[i]);
            }

            before += group.Sum(s => s.Settings.Iterations);
        }

        return sketches.Select(s => results[s]).ToArray();
    }

    /// <summary>The pictures in one row, tops aligned, <paramref name="gap"/> white pixels between them.</summary>
    public static RgbImage ContactSheet(IReadOnlyList<RgbImage> pictures, int gap = 8)
    {
        if (pictures.Count == 0)
        {
            throw new ArgumentException("A contact sheet needs at least one picture.", nameof(pictures));
        }

        var width = pictures.Sum(p => p.Width) + gap * (pictures.Count - 1);
        var height = pictures.Max(p => p.Height);
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
        var left = 0;
        foreach (var picture in pictures)
        {
            for (var y = 0; y < picture.Height; y++)
            {
                Array.Copy(picture.Pixels, y * picture.Width * 3, pixels, (y * width + left) * 3, picture.Width * 3);
            }

            left += picture.Width + gap;
        }

        return new RgbImage(width, height, pixels);
    }
}
