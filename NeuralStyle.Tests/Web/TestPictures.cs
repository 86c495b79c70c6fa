using System.Net.Http.Headers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Tests.Web;

/// <summary>Small pictures and multipart forms for web tests.</summary>
public static class TestPictures
{
    /// <summary>A PNG with a left-to-right gradient in red over a constant <paramref name="blue"/>.</summary>
    public static byte[] Png(int width, int height, byte blue)
    {
        using var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgb24((byte)(x * 255 / Math.Max(width - 1, 1)), (byte)(y * 255 / Math.Max(height - 1, 1)), blue);
            }
        }

        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>A PNG of seeded random pixels, which does not compress: about 3 bytes per pixel.</summary>
    public static byte[] NoisePng(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        random.NextBytes(pixels);
        using var image = Image.LoadPixelData<Rgb24>(pixels, width, height);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    public static MultipartFormDataContent JobForm(IDictionary<string, string>? fields = null, byte[]? content = null, params byte[][] styles)
    {
        var form = new MultipartFormDataContent();
        Add(form, "content", "content.png", content ?? Png(48, 32, 40));
        foreach (var style in styles.Length > 0 ? styles : [Png(16, 16, 220)])
        {
            Add(form, "style", "style.png", style);
        }

        foreach (var (name, value) in fields ?? new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "5" })
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    /// <summary>
    /// A job form that shows the job to everyone (a job is private unless asked otherwise), for tests where another
    /// client or a restarted server must find it.
    /// </summary>
    public static MultipartFormDataContent PublicJobForm(IDictionary<string, string>? fields = null)
    {
        var shown = new Dictionary<string, string>(fields ?? new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "5" }) { ["private"] = "false" };
        return JobForm(shown);
    }

    public static (int Width, int Height) SizeOf(byte[] picture)
    {
        var info = Image.Identify(picture);
        return (info.Width, info.Height);
    }

    private static void Add(MultipartFormDataContent form, string name, string fileName, byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, name, fileName);
    }
}
