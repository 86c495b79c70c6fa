// The four picture measures of the project's issue 21, each defined in its summary; they read pixels only.
using NeuralStyle.Engine.Imaging;

namespace NeuralStyle.Engine.Quality;

/// <summary>The measures behind <see cref="PictureQuality"/>, on 8-bit pictures; the result and photo have the same size.</summary>
public static class PictureMeasures
{
    /// <summary>Periods, in pixels, at which <see cref="Grid"/> looks for peaks: a stride-2 network prints 2 and its multiples.</summary>
    private static readonly int[] GridPeriods = [2, 4, 8, 16];

    /// <summary>
    /// Periodic structure <paramref name="result"/> adds over <paramref name="photo"/>: the grey picture minus its
    /// Gaussian blur (sigma 3) under a Hann window, its power spectrum, and at periods 2, 4, 8 and 16 px along x, y and
    /// both diagonals log10(the largest of the 3 x 3 bins there / the median of the ring 4 to 10 bins around); the
    /// mean of those 16, less the photo's own.
    /// </summary>
    public static double Grid(RgbImage result, RgbImage photo)
    {
        RequireSameSize(result, photo);
        return GridScore(GreyPlane.Luma(result)) - GridScore(GreyPlane.Luma(photo));
    }

    /// <summary>
    /// Sliced Wasserstein distance between the result's and the painting's pixel colours in CIE Lab (divided by 100),
    /// over 64 seeded directions, divided by the same distance from the photo: 1 = the photo's colours, 0 = the painting's.
    /// </summary>
    public static double Colour(RgbImage result, RgbImage photo, RgbImage painting)
    {
        var directions = ColourDirections.Value;
        var target = CieLab.Pixels(painting);
        return SlicedWasserstein(CieLab.Pixels(result), target, directions) / SlicedWasserstein(CieLab.Pixels(photo), target, directions);
    }

    /// <summary>
    /// L1 distance between the 12 x 12 joint histograms of gradient orientation (0 to pi) and log(1 + 20 |gradient|)
    /// (Sobel on grey, 0..1) of the result and the painting, over the same distance from the photo.
    /// </summary>
    public static double Texture(RgbImage result, RgbImage photo, RgbImage painting)
    {
        var target = GradientHistogram(painting);
        return L1(GradientHistogram(result), target) / L1(GradientHistogram(photo), target);
    }

    /// <summary>
    /// Pearson correlation of the Sobel edge magnitudes of the blurred (sigma 2) grey result and photo: 1 = the photo's
    /// layout, near 0 = lost.
    /// </summary>
    public static double Layout(RgbImage result, RgbImage photo)
    {
        RequireSameSize(result, photo);
        var a = EdgeMagnitudes(GreyPlane.Luma(result).GaussianBlur(2));
        var b = EdgeMagnitudes(GreyPlane.Luma(photo).GaussianBlur(2));
        return Correlation(a, b);
    }

    private static double GridScore(GreyPlane grey)
    {
        var highPass = grey.Minus(grey.GaussianBlur(3));
        var (width, height) = (highPass.Width, highPass.Height);
        var windowed = new double[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                windowed[y * width + x] = highPass[x, y] * Hann(x, width) * Hann(y, height);
            }
        }

        var power = Fourier.PowerSpectrum(new GreyPlane(width, height, windowed));
        double Bin(int ky, int kx) => power[Wrap(ky, height) * width + Wrap(kx, width)];

        var scores = new List<double>();
        foreach (var period in GridPeriods)
        {
            var (fy, fx) = ((int)Math.Round((double)height / period), (int)Math.Round((double)width / period));
            foreach (var (cy, cx) in new[] { (0, fx), (fy, 0), (fy, fx), (fy, -fx) })
            {
                var peak = 0.0;
                var ring = new List<double>();
                for (var dy = -10; dy <= 10; dy++)
                {
                    for (var dx = -10; dx <= 10; dx++)
                    {
                        var distance = Math.Max(Math.Abs(dy), Math.Abs(dx));
                        if (distance <= 1)
                        {
                            peak = Math.Max(peak, Bin(cy + dy, cx + dx));
                        }
                        else if (distance >= 4)
                        {
                            ring.Add(Bin(cy + dy, cx + dx));
                        }
                    }
                }

                scores.Add(Math.Log10(Math.Max(peak, double.Epsilon) / Math.Max(Median(ring), double.Epsilon)));
            }
        }

        return scores.Average();
    }

    /// <summary>The symmetric Hann window, 0 at both ends (numpy.hanning).</summary>
    private static double Hann(int i, int n) => n == 1 ? 1 : 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (n - 1));

    private static int Wrap(int i, int n) => ((i % n) + n) % n;

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static readonly Lazy<double[][]> ColourDirections = new(() =>
    {
        // Seeded, so every run of the measure compares along the same 64 directions.
        var random = new Random(2016);
        return Enumerable.Range(0, 64).Select(_ =>
        {
            var v = new[] { Normal(random), Normal(random), Normal(random) };
            var length = Math.Sqrt(v.Sum(c => c * c));
            return v.Select(c => c / length).ToArray();
        }).ToArray();
    });

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// The mean over <paramref name="directions"/> of the 2-Wasserstein distance between the two point sets' projections,
    /// each taken at 1024 evenly spaced quantiles so that sets of different sizes compare.
    /// </summary>
    private static double SlicedWasserstein(double[][] a, double[][] b, double[][] directions)
    {
        const int quantiles = 1024;
        var total = 0.0;
        foreach (var direction in directions)
        {
            var pa = SortedProjection(a, direction);
            var pb = SortedProjection(b, direction);
            var sum = 0.0;
            for (var q = 0; q < quantiles; q++)
            {
                var d = Quantile(pa, q / (quantiles - 1.0)) - Quantile(pb, q / (quantiles - 1.0));
                sum += d * d;
            }

            total += Math.Sqrt(sum / quantiles);
        }

        return total / directions.Length;
    }

    private static double[] SortedProjection(double[][] points, double[] direction)
    {
        var projected = points.Select(p => p[0] * direction[0] + p[1] * direction[1] + p[2] * direction[2]).ToArray();
        Array.Sort(projected);
        return projected;
    }

    /// <summary>Linear interpolation between order statistics, as numpy.quantile's default.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private const int HistogramBins = 12;

    /// <summary>The top of the magnitude axis: log(1 + 20 x 4), a step from black to white under Sobel; larger values count in the last bin.</summary>
    private static readonly double MaxLogMagnitude = Math.Log(1 + 20 * 4.0);

    private static double[] GradientHistogram(RgbImage image)
    {
        var (gx, gy) = GreyPlane.Luma(image).Sobel();
        var histogram = new double[HistogramBins * HistogramBins];
        for (var i = 0; i < gx.Values.Length; i++)
        {
            var angle = Math.Atan2(gy.Values[i], gx.Values[i]);
            angle = angle < 0 ? angle + Math.PI : angle;
            var magnitude = Math.Log(1 + 20 * Math.Sqrt(gx.Values[i] * gx.Values[i] + gy.Values[i] * gy.Values[i]));
            var a = Math.Min((int)(angle / Math.PI * HistogramBins), HistogramBins - 1);
            var m = Math.Min((int)(magnitude / MaxLogMagnitude * HistogramBins), HistogramBins - 1);
            histogram[a * HistogramBins + m]++;
        }

        for (var i = 0; i < histogram.Length; i++)
        {
            histogram[i] /= gx.Values.Length;
        }

        return histogram;
    }

    private static double L1(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Sum();

    private static double[] EdgeMagnitudes(GreyPlane grey)
    {
        var (gx, gy) = grey.Sobel();
        return gx.Values.Zip(gy.Values, (x, y) => Math.Sqrt(x * x + y * y)).ToArray();
    }

    private static double Correlation(double[] a, double[] b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }

        return aa == 0 || bb == 0 ? 0 : ab / Math.Sqrt(aa * bb);
    }

    private static void RequireSameSize(RgbImage a, RgbImage b)
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException($"Compare pictures of one size: {a.Width}x{a.Height} and {b.Width}x{b.Height}.");
        }
    }
}
