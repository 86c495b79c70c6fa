using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using NeuralStyle.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using static NeuralStyle.Tests.Engine.Imaging.TestPictures;

namespace NeuralStyle.Tests.Engine.Imaging;

public class ImageLoaderRejectionTests
{
    private const string Damaged = "The picture seems to be cut off or damaged.";

    private static ImageRejectedException Rejected(byte[] bytes, ImageLimits? limits = null) =>
        Assert.Throws<ImageRejectedException>(() => Load(bytes, limits));

    [Fact]
    public void APngHeaderClaiming50000By50000IsRefusedQuicklyWithoutAllocatingItsPixels()
    {
        var bytes = PngClaiming(50000, 50000);
        Assert.True(bytes.Length < 100);
        Assert.Throws<ImageRejectedException>(() => Load(PngClaiming(9000, 9000))); // warms up ImageSharp's statics

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var error = Rejected(bytes);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(ImageRejectionReason.TooManyPixels, error.Reason);
        Assert.Equal("This picture is 50000 x 50000 pixels; the limit is 40 megapixels.", error.Message);
        Assert.True(allocated < 4 * 1024 * 1024, $"Refusing the header allocated {allocated} bytes.");
        Assert.True(clock.ElapsedMilliseconds < 1000, $"Refusing the header took {clock.ElapsedMilliseconds} ms.");
    }

    [Fact]
    public void IdentifyAlsoRefusesTooManyPixels()
    {
        var error = Assert.Throws<ImageRejectedException>(
            () => ImageLoader.Identify(new MemoryStream(PngClaiming(50000, 50000)), ImageLimits.Default));

        Assert.Equal(ImageRejectionReason.TooManyPixels, error.Reason);
    }

    [Fact]
    public void APictureJustOverACustomPixelLimitIsRefused()
    {
        var limits = new ImageLimits { MaxPixels = 2_000_000 };

        var atTheLimit = Load(Solid(2000, 1000, Red, new PngEncoder()), limits);
        var error = Rejected(Solid(2000, 1001, Red, new PngEncoder()), limits);

        Assert.Equal(2000, atTheLimit.Width);
        Assert.Equal("This picture is 2000 x 1001 pixels; the limit is 2 megapixels.", error.Message);
    }

    [Fact]
    public void AnEmptyFileIsRefused()
    {
        var error = Rejected([]);

        Assert.Equal(ImageRejectionReason.Empty, error.Reason);
        Assert.Equal("The file is empty.", error.Message);
    }

    [Fact]
    public void AnEmptyUnseekableStreamIsRefused()
    {
        var error = Assert.Throws<ImageRejectedException>(() => ImageLoader.Identify(new UnseekableStream([], allowSynchronousReads: true), ImageLimits.Default));

        Assert.Equal(ImageRejectionReason.Empty, error.Reason);
    }

    [Fact]
    public void ATextFileNamedJpgIsRefusedAsNotAPicture()
    {
        var path = Path.Combine(Path.GetTempPath(), $"notes-{Guid.NewGuid():N}.jpg");
        File.WriteAllText(path, "Shopping list: milk, eggs, a new camera.\n", Encoding.UTF8);
        try
        {
            using var file = File.OpenRead(path);
            var error = Assert.Throws<ImageRejectedException>(() => ImageLoader.Load(file, ImageLimits.Default));

            Assert.Equal(ImageRejectionReason.UnsupportedFormat, error.Reason);
            Assert.Equal("This file is not a picture we can read (JPEG, PNG, WebP, BMP or GIF).", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] NoisePicture(string format)
    {
        var random = new Random(11);
        using var image = new Image<Rgb24>(128, 96);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            }
        }

        return Encode(image, format switch
        {
            "JPEG" => new JpegEncoder(),
            "PNG" => new PngEncoder(),
            "GIF" => new GifEncoder(),
            "WebP lossy" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossy },
            "WebP lossless" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
            "BMP" => new BmpEncoder(),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        });
    }

    // ImageSharp 2.1 itself decodes all of these without complaint, filling the missing part.
    [Theory]
    [InlineData("JPEG", 0.5)]
    [InlineData("JPEG", 0.99)]
    [InlineData("PNG", 0.5)]
    [InlineData("PNG", 0.99)]
    [InlineData("GIF", 0.5)]
    [InlineData("GIF", 0.99)]
    [InlineData("WebP lossy", 0.5)]
    [InlineData("WebP lossless", 0.99)]
    [InlineData("BMP", 0.5)]
    [InlineData("BMP", 0.99)]
    public void ACutOffPictureIsRefusedAsDamaged(string format, double keptFraction)
    {
        var whole = NoisePicture(format);
        Assert.Equal(128, Load(whole).Width);

        var error = Rejected(whole[..(int)(whole.Length * keptFraction)]);

        Assert.Equal(ImageRejectionReason.Damaged, error.Reason);
        Assert.Equal(Damaged, error.Message);
    }

    [Theory]
    [InlineData("JPEG")]
    [InlineData("PNG")]
    [InlineData("GIF")]
    [InlineData("WebP lossy")]
    [InlineData("WebP lossless")]
    [InlineData("BMP")]
    public void CorruptedBytesEitherLoadOrGiveAReadableRefusal(string format)
    {
        var whole = NoisePicture(format);
        var random = new Random(format.Length);
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var corrupted = whole.ToArray();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                // Mostly the header and the first segments, where a flipped byte changes what the decoder believes.
                var at = random.Next(2) == 0 ? random.Next(Math.Min(200, corrupted.Length)) : random.Next(corrupted.Length);
                corrupted[at] = (byte)random.Next(256);
            }

            try
            {
                var loaded = Load(corrupted, new ImageLimits { MaxPixels = 1_000_000 });
                Assert.Equal(loaded.Width * loaded.Height * 3, loaded.Pixels.Length);
            }
            catch (ImageRejectedException error)
            {
                Assert.EndsWith(".", error.Message);
            }
        }
    }

    [Fact]
    public void AJpegWithBytesAfterItsEndStillLoads()
    {
        var bytes = NoisePicture("JPEG").Concat("trailing camera data"u8.ToArray()).ToArray();

        Assert.Equal(128, Load(bytes).Width);
    }

    [Fact]
    public void AnAnimatedGifCutOffAfterItsFirstFrameStillLoadsThatFrame()
    {
        using var animation = new Image<Rgba32>(32, 32, Red);
        using var second = new Image<Rgba32>(32, 32, Blue);
        animation.Frames.AddFrame(second.Frames.RootFrame);
        var whole = Encode(animation, new GifEncoder());

        AssertColour(Load(whole[..(whole.Length - 10)]), 16, 16, (255, 0, 0));
    }

    [Fact]
    public void AStructurallyBrokenPngIsRefusedAsDamagedWithTheDecoderErrorInside()
    {
        var whole = Solid(64, 64, new Rgb24(10, 200, 30), new PngEncoder { CompressionLevel = PngCompressionLevel.NoCompression });
        var broken = whole.ToArray();
        broken[whole.Length / 2] ^= 0xFF; // breaks the IDAT chunk's CRC

        var error = Rejected(broken);

        Assert.Equal(ImageRejectionReason.Damaged, error.Reason);
        Assert.Equal(Damaged, error.Message);
        Assert.NotNull(error.InnerException);
    }

    [Theory]
    [InlineData(PngInterlaceMode.Adam7)]
    [InlineData(PngInterlaceMode.None)]
    public async Task APngWhoseHeaderClaimsMoreRowsThanItsDataHoldsIsRefusedAsDamagedInsteadOfHanging(PngInterlaceMode interlace)
    {
        // ImageSharp 2.1.13 never returns from an interlaced PNG like this one (found by UploadFuzzTests).
        var bytes = Solid(40, 32, Red, new PngEncoder { InterlaceMethod = interlace });
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), 32768);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes[12..29]));

        var error = await Task.Run(() => Assert.Throws<ImageRejectedException>(() => Load(bytes))).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ImageRejectionReason.Damaged, error.Reason);
        Assert.Equal(Damaged, error.Message);
    }

    [Fact]
    public void AJpegCutOffInsideItsHeaderIsRefusedAsDamaged()
    {
        var whole = Solid(64, 64, Red, new JpegEncoder());

        var error = Rejected(whole[..40]);

        Assert.Equal(ImageRejectionReason.Damaged, error.Reason);
        Assert.Equal(Damaged, error.Message);
    }

    [Fact]
    public void AFileOverMaxBytesIsRefusedBeforeItIsRead()
    {
        var bytes = Solid(200, 200, Red, new PngEncoder { CompressionLevel = PngCompressionLevel.NoCompression });
        var limits = new ImageLimits { MaxBytes = 100 * 1024 };
        var stream = new MemoryStream(bytes);

        var error = Assert.Throws<ImageRejectedException>(() => ImageLoader.Load(stream, limits));

        Assert.Equal(ImageRejectionReason.TooManyBytes, error.Reason);
        Assert.Equal($"This file is {(bytes.Length + 1023) / 1024} KB; the limit is 100 KB.", error.Message);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void AnEndlessUploadIsCutOffOnceItPassesMaxBytes()
    {
        var stream = new EndlessStream();
        var limits = new ImageLimits { MaxBytes = 1024 * 1024 };

        var error = Assert.Throws<ImageRejectedException>(() => ImageLoader.Load(stream, limits));

        Assert.Equal(ImageRejectionReason.TooManyBytes, error.Reason);
        Assert.Equal("This file is larger than the limit of 1 MB.", error.Message);
        Assert.InRange(stream.BytesRead, limits.MaxBytes, limits.MaxBytes + 100_000);
    }

    [Fact]
    public void AJpegDecodeThatRunsPastMaxDecodeTimeIsRefused()
    {
        var bytes = Solid(64, 64, Red, new JpegEncoder());
        var limits = new ImageLimits { MaxDecodeTime = TimeSpan.Zero };

        var error = Rejected(bytes, limits);

        Assert.Equal(ImageRejectionReason.TooSlow, error.Reason);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }

    [Fact]
    public void LimitsThatWouldRefuseEverythingAreThemselvesRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageLimits { MaxBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageLimits { MaxBytes = 4L * 1024 * 1024 * 1024 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageLimits { MaxPixels = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageLimits { MaxDecodeTime = TimeSpan.FromSeconds(-1) });
    }
}
