// Cooley and Tukey's radix-2 FFT, and Bluestein's chirp z-transform ("A linear filtering approach to the computation
// of discrete Fourier transform", 1970) for lengths that are not powers of two.
using System.Numerics;

namespace NeuralStyle.Engine.Quality;

/// <summary>The discrete Fourier transform X_k = sum_n x_n exp(-2 pi i k n / N) of any length, and a 2D power spectrum.</summary>
internal static class Fourier
{
    /// <summary>|DFT|^2 of a plane, indexed [ky * width + kx] with ky, kx in 0..N-1 (no shift: bin 0 is the mean).</summary>
    public static double[] PowerSpectrum(GreyPlane plane)
    {
        var (width, height) = (plane.Width, plane.Height);
        var grid = new Complex[width * height];
        var row = new Complex[width];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                row[x] = plane[x, y];
            }

            Transform(row);
            row.CopyTo(grid, y * width);
        }

        var column = new Complex[height];
        var power = new double[width * height];
        for (var x = 0; x < width; x++)
        {
            for (var y = 0; y < height; y++)
            {
                column[y] = grid[y * width + x];
            }

            Transform(column);
            for (var y = 0; y < height; y++)
            {
                power[y * width + x] = column[y].Real * column[y].Real + column[y].Imaginary * column[y].Imaginary;
            }
        }

        return power;
    }

    /// <summary>The forward DFT of <paramref name="data"/>, in place.</summary>
    public static void Transform(Complex[] data)
    {
        var n = data.Length;
        if (n <= 1)
        {
            return;
        }

        if ((n & (n - 1)) == 0)
        {
            Radix2(data);
        }
        else
        {
            Bluestein(data);
        }
    }

    /// <summary>
    /// X_k = conj(w_k) sum_n (x_n conj(w_n)) w_(k-n) with w_j = exp(i pi j^2 / N): a convolution, done with power-of-two
    /// FFTs of at least 2N - 1 points.
    /// </summary>
    private static void Bluestein(Complex[] data)
    {
        var n = data.Length;
        var m = 1;
        while (m < 2 * n - 1)
        {
            m <<= 1;
        }

        var chirp = new Complex[n];
        for (var k = 0; k < n; k++)
        {
            // k^2 mod 2N keeps the angle small and exact for large k.
            var angle = Math.PI * ((long)k * k % (2L * n)) / n;
            chirp[k] = new Complex(Math.Cos(angle), Math.Sin(angle));
        }

        var a = new Complex[m];
        var b = new Complex[m];
        for (var k = 0; k < n; k++)
        {
            a[k] = data[k] * Complex.Conjugate(chirp[k]);
        }

        b[0] = chirp[0];
        for (var k = 1; k < n; k++)
        {
            b[k] = b[m - k] = chirp[k];
        }

        Radix2(a);
        Radix2(b);
        for (var k = 0; k < m; k++)
        {
            a[k] *= b[k];
        }

        Inverse(a);
        for (var k = 0; k < n; k++)
        {
            data[k] = a[k] * Complex.Conjugate(chirp[k]);
        }
    }

    private static void Inverse(Complex[] data)
    {
        for (var k = 0; k < data.Length; k++)
        {
            data[k] = Complex.Conjugate(data[k]);
        }

        Radix2(data);
        for (var k = 0; k < data.Length; k++)
        {
            data[k] = Complex.Conjugate(data[k]) / data.Length;
        }
    }

    /// <summary>Iterative in-place radix-2 FFT; the length must be a power of two.</summary>
    private static void Radix2(Complex[] data)
    {
        var n = data.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (data[i], data[j]) = (data[j], data[i]);
            }
        }

        for (var length = 2; length <= n; length <<= 1)
        {
            var angle = -2 * Math.PI / length;
            var step = new Complex(Math.Cos(angle), Math.Sin(angle));
            for (var start = 0; start < n; start += length)
            {
                var w = Complex.One;
                for (var k = 0; k < length / 2; k++)
                {
                    var even = data[start + k];
                    var odd = data[start + k + length / 2] * w;
                    data[start + k] = even + odd;
                    data[start + k + length / 2] = even - odd;
                    w *= step;
                }
            }
        }
    }
}
