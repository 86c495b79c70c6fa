// The project's issue 21: judge a run's pictures by measures the optimiser does not see, on every photo and painting.
using System.Diagnostics;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Quality;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Engine.Benchmarks;

/// <summary>One photo and painting run with the benchmark's settings.</summary>
/// <param name="Pair">The pair's name, <c>photo x painting</c>.</param>
/// <param name="Quality">The result's four measures against its photo and painting.</param>
/// <param name="Seconds">Wall time of the run, targets included.</param>
/// <param name="Evaluations">Evaluations of loss and gradient.</param>
/// <param name="FinalLoss">The total loss the run ended on (what the optimiser sees, for comparison only).</param>
/// <param name="LargestRise">The largest ratio of a reported loss to the one before it: 1 when the loss never rose.</param>
/// <param name="Result">The picture made.</param>
public sealed record QualityRow(string Pair, PictureQuality Quality, double Seconds, int Evaluations, double FinalLoss, double LargestRise, RgbImage Result);

/// <summary>Every pair's row, and how many meet the goals.</summary>
/// <param name="Rows">One row per photo and painting.</param>
/// <param name="Goals">The bounds each picture is held to.</param>
public sealed record QualityReport(IReadOnlyList<QualityRow> Rows, QualityGoals Goals)
{
    /// <summary>Pairs whose grid and layout stay within the goals (the bounds every pair must meet).</summary>
    public int GridAndLayoutMet => Rows.Count(r => r.Quality.Grid <= Goals.MaxGrid && r.Quality.Layout >= Goals.MinLayout);

    /// <summary>Pairs that meet all four goals.</summary>
    public int AllMet => Rows.Count(r => r.Quality.Meets(Goals));
}

/// <summary>
/// Runs every photo with every painting at one set of settings and measures each result with
/// <see cref="PictureQuality"/>: colour, texture, layout and added grid, none of which the optimiser sees.
/// </summary>
public static class QualityBenchmark
{
    /// <summary>Runs each of <paramref name="pairs"/> with <paramref name="settings"/>, telling <paramref name="finished"/> after each.</summary>
    public static QualityReport Run(
        IBackbone backbone,
        IReadOnlyList<PicturePair> pairs,
        StyleSettings settings,
        Action<QualityRow>? finished = null,
        CancellationToken cancellationToken = default)
    {
        var rows = new List<QualityRow>();
        foreach (var pair in pairs)
        {
            var clock = Stopwatch.StartNew();
            var result = StyleTransfer.Run(backbone, pair.Content, [pair.Style], settings with { PreviewEvery = 0 }, new Silent(), cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            var totals = result.Steps.Select(s => s.TotalLoss).ToArray();
            var rise = totals.Zip(totals.Skip(1), (before, after) => after / before).DefaultIfEmpty(1).Max();
            var row = new QualityRow(pair.Name, PictureQuality.Measure(result.Image, pair.Content, pair.Style), seconds, result.Steps.Count, totals[^1], rise, result.Image);
            rows.Add(row);
            finished?.Invoke(row);
        }

        return new QualityReport(rows, QualityGoals.Defaults);
    }

    /// <summary>One row per pair: photo, painting and result, each <paramref name="height"/> px high, on white.</summary>
    public static RgbImage ContactSheet(IReadOnlyList<PicturePair> pairs, IReadOnlyList<QualityRow> rows, int height = 192, int gap = 8)
    {
        var lines = pairs.Zip(rows, (pair, row) => SketchRun.ContactSheet([AtHeight(pair.Content, height), AtHeight(pair.Style, height), AtHeight(row.Result, height)], gap)).ToArray();
        var width = lines.Max(l => l.Width);
        var total = lines.Sum(l => l.Height) + gap * (lines.Length - 1);
        var pixels = new byte[width * total * 3];
        Array.Fill(pixels, (byte)255);
        var top = 0;
        foreach (var line in lines)
        {
            for (var y = 0; y < line.Height; y++)
            {
                Array.Copy(line.Pixels, y * line.Width * 3, pixels, ((top + y) * width) * 3, line.Width * 3);
            }

            top += line.Height + gap;
        }

        return new RgbImage(width, total, pixels);
    }

    private static RgbImage AtHeight(RgbImage picture, int height) =>
        ImageResizer.Resize(picture, Math.Max(1, (int)Math.Round(picture.Width * (double)height / picture.Height)), height);

    private sealed class Silent : IStyleProgress
    {
        public void Report(StepReport step)
        {
        }

        public void Preview(PreviewFrame frame)
        {
        }
    }
}
