using NeuralStyle.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using static NeuralStyle.Tests.Engine.Imaging.TestPictures;

namespace NeuralStyle.Tests.Engine.Imaging;

public class ImageLoaderFormatTests
{
    public static TheoryData<string, int> Formats => new()
    {
        { "JPEG", 12 },
        { "PNG", 0 },
        { "WebP lossless", 0 },
        { "WebP lossy", 12 },
        { "BMP", 0 },
        { "GIF", 0 },
    };

    private static IImageEncoder EncoderFor(string format) => format switch
    {
        "JPEG" => new JpegEncoder { Quality = 90 },
        "PNG" => new PngEncoder(),
        "WebP lossless" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
        "WebP lossy" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = 90 },
        "BMP" => new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 },
        "GIF" => new GifEncoder(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void EachFormatLoadsWithItsSizeAndColours(string format, int tolerance)
    {
        using var image = new Image<Rgba32>(48, 32, Blue);
        FillRectangle(image, new Rectangle(0, 0, 16, 16), Red);
        var bytes = Encode(image, EncoderFor(format));

        var loaded = Load(bytes);

        Assert.Equal((48, 32), (loaded.Width, loaded.Height));
        AssertColour(loaded, 4, 4, (255, 0, 0), tolerance);
        AssertColour(loaded, 40, 24, (0, 0, 255), tolerance);
    }

    [Theory]
    [InlineData("JPEG", "JPEG")]
    [InlineData("PNG", "PNG")]
    [InlineData("WebP lossless", "WEBP")]
    [InlineData("BMP", "BMP")]
    [InlineData("GIF", "GIF")]
    public void IdentifyNamesTheFormatFoundInTheContent(string format, string expected)
    {
        var bytes = Solid(30, 20, Red, EncoderFor(format));

        var info = ImageLoader.Identify(new MemoryStream(bytes), ImageLimits.Default);

        Assert.Equal(new ImageInfo(30, 20, expected), info);
    }

    [Fact]
    public void APngNamedJpgLoadsAsPngBecauseTheContentDecides()
    {
        var path = Path.Combine(Path.GetTempPath(), $"png-named-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(path, Solid(5, 7, Red, new PngEncoder()));
        try
        {
            using var file = File.OpenRead(path);
            Assert.Equal("PNG", ImageLoader.Identify(file, ImageLimits.Default).Format);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void GrayscaleJpegLoadsAsEqualChannels()
    {
        var bytes = Solid(16, 16, new L8(100), new JpegEncoder { ColorType = JpegColorType.Luminance, Quality = 95 });

        var loaded = Load(bytes);

        var (r, g, b) = PixelAt(loaded, 8, 8);
        Assert.Equal(r, g);
        Assert.Equal(g, b);
        Assert.InRange(r, 97, 103);
    }

    [Fact]
    public void CmykJpegLoadsAsRgb()
    {
        // Adobe CMYK is stored inverted: 255 means no ink. Left: magenta and yellow ink, red; right: cyan and magenta, blue.
        var bytes = CmykJpeg.TwoBlocks(left: [255, 0, 0, 255], right: [0, 0, 255, 255]);
        Assert.Equal("JPEG", ImageLoader.Identify(new MemoryStream(bytes), ImageLimits.Default).Format);

        var loaded = Load(bytes);

        Assert.Equal((16, 8), (loaded.Width, loaded.Height));
        AssertColour(loaded, 3, 4, (255, 0, 0), tolerance: 2);
        AssertColour(loaded, 12, 4, (0, 0, 255), tolerance: 2);
    }

    [Fact]
    public void ExifOrientationSixTurnsThePictureUpright()
    {
        // Orientation 6: the stored picture must be turned 90 degrees clockwise to be seen upright.
        using var image = new Image<Rgba32>(40, 20, Blue);
        FillRectangle(image, new Rectangle(0, 0, 8, 8), Red);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
        var bytes = Encode(image, new JpegEncoder { Quality = 95 });

        var info = ImageLoader.Identify(new MemoryStream(bytes), ImageLimits.Default);
        var loaded = Load(bytes);

        Assert.Equal((20, 40), (info.Width, info.Height));
        Assert.Equal((20, 40), (loaded.Width, loaded.Height));
        AssertColour(loaded, 16, 3, (255, 0, 0), tolerance: 24);
        AssertColour(loaded, 3, 3, (0, 0, 255), tolerance: 24);
    }

    [Fact]
    public void FullyTransparentPngBecomesWhite()
    {
        var bytes = Solid(8, 8, new Rgba32(0, 0, 0, 0), new PngEncoder { ColorType = PngColorType.RgbWithAlpha });

        AssertColour(Load(bytes), 4, 4, (255, 255, 255));
    }

    [Fact]
    public void HalfTransparentRedIsBlendedOntoWhite()
    {
        var bytes = Solid(8, 8, new Rgba32(255, 0, 0, 128), new PngEncoder { ColorType = PngColorType.RgbWithAlpha });

        // 255 * 128/255 + 255 * 127/255 for red, 255 * 127/255 = 127 for green and blue.
        AssertColour(Load(bytes), 4, 4, (255, 127, 127));
    }

    [Fact]
    public void SixteenBitPngLoadsScaledToEightBits()
    {
        var bytes = Solid(6, 4, new Rgb48(65535, 0, 32896), new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit16 });

        var loaded = Load(bytes);

        Assert.Equal((6, 4), (loaded.Width, loaded.Height));
        AssertColour(loaded, 3, 2, (255, 0, 128));
    }

    [Fact]
    public void GrayscalePngLoadsAsEqualChannels()
    {
        var bytes = Solid(9, 9, new L8(77), new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8 });

        AssertColour(Load(bytes), 4, 4, (77, 77, 77));
    }

    [Fact]
    public void PalettePngKeepsItsColours()
    {
        using var image = new Image<Rgba32>(10, 10, Blue);
        FillRectangle(image, new Rectangle(0, 0, 5, 10), Red);
        var bytes = Encode(image, new PngEncoder { ColorType = PngColorType.Palette });

        var loaded = Load(bytes);

        AssertColour(loaded, 1, 5, (255, 0, 0));
        AssertColour(loaded, 8, 5, (0, 0, 255));
    }

    [Fact]
    public void AnimatedGifGivesItsFirstFrame()
    {
        using var animation = new Image<Rgba32>(12, 12, Red);
        using var second = new Image<Rgba32>(12, 12, Blue);
        animation.Frames.AddFrame(second.Frames.RootFrame);
        var bytes = Encode(animation, new GifEncoder());
        using (var check = Image.Load(bytes))
        {
            Assert.Equal(2, check.Frames.Count);
        }

        AssertColour(Load(bytes), 6, 6, (255, 0, 0));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10000, 10)]
    [InlineData(10, 10000)]
    public void ExtremeButAllowedSizesLoad(int width, int height)
    {
        var bytes = Solid(width, height, Red, new PngEncoder());

        var loaded = Load(bytes);

        Assert.Equal((width, height), (loaded.Width, loaded.Height));
        AssertColour(loaded, width - 1, height - 1, (255, 0, 0));
    }

    [Fact]
    public async Task LoadAsyncReadsAStreamThatOnlyAllowsAsynchronousReads()
    {
        var bytes = Solid(20, 10, Red, new PngEncoder());

        var loaded = await ImageLoader.LoadAsync(new UnseekableStream(bytes), ImageLimits.Default);

        Assert.Equal((20, 10), (loaded.Width, loaded.Height));
    }
}
