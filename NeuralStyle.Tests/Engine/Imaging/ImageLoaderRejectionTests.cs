using System.Diagnostics;
using System.Text;
using NeuralStyle.Engine.Imaging;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
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

    [Fact]
    public void ATruncatedPngIsRefusedAsDamagedWithTheDecoderErrorInside()
    {
        var whole = Solid(64, 64, new Rgb24(10, 200, 30), new PngEncoder { CompressionLevel = PngCompressionLevel.NoCompression });

        var error = Rejected(whole[..(whole.Length / 2)]);

        Assert.Equal(ImageRejectionReason.Damaged, error.Reason);
        Assert.Equal(Damaged, error.Message);
        Assert.NotNull(error.InnerException);
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
}
