using System.Buffers.Binary;
using NeuralStyle.Web.Pictures;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Tests.Web;

/// <summary>The Create page tells a visitor when an animation will be cut to its first frame: it must know one when it sees one.</summary>
public sealed class AnimatedPictureTests
{
    [Fact]
    public void AGifWithTwoFramesIsAnimatedAndOneWithOneIsNot()
    {
        Assert.True(AnimatedPicture.IsAnimated(Gif(frames: 2)));
        Assert.True(AnimatedPicture.IsAnimated(Gif(frames: 5)));
        Assert.False(AnimatedPicture.IsAnimated(Gif(frames: 1)));
    }

    [Fact]
    public void AnAnimatedPngOrWebpIsAnimatedAndPlainPicturesAreNot()
    {
        Assert.True(AnimatedPicture.IsAnimated(AnimatedPng(frames: 3)));
        Assert.False(AnimatedPicture.IsAnimated(AnimatedPng(frames: 1)));
        Assert.True(AnimatedPicture.IsAnimated(WebpHeader(flags: 0x02)));
        Assert.False(AnimatedPicture.IsAnimated(WebpHeader(flags: 0x10)));
        Assert.False(AnimatedPicture.IsAnimated(TestPictures.Png(8, 8, 0)));
        Assert.False(AnimatedPicture.IsAnimated("GIF89a"u8.ToArray()));
        Assert.False(AnimatedPicture.IsAnimated([]));
    }

    /// <summary>A GIF of <paramref name="frames"/> differently coloured frames, written by ImageSharp.</summary>
    public static byte[] Gif(int frames)
    {
        using var image = new Image<Rgb24>(12, 8, new Rgb24(0, 0, 0));
        for (var i = 1; i < frames; i++)
        {
            using var frame = new Image<Rgb24>(12, 8, new Rgb24((byte)(i * 40), 100, 200));
            image.Frames.AddFrame(frame.Frames.RootFrame);
        }

        using var stream = new MemoryStream();
        image.SaveAsGif(stream);
        return stream.ToArray();
    }

    /// <summary>A PNG with an APNG animation-control chunk (acTL) after its header, as animated PNGs carry.</summary>
    private static byte[] AnimatedPng(int frames)
    {
        var png = TestPictures.Png(8, 8, 0);
        var headerEnd = 8 + 8 + 13 + 4;
        var chunk = new byte[8 + 8 + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 8);
        "acTL"u8.CopyTo(chunk.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), (uint)frames);
        return [.. png[..headerEnd], .. chunk, .. png[headerEnd..]];
    }

    /// <summary>The start of an extended WebP file: RIFF, WEBP, then a VP8X chunk whose flags say what it holds.</summary>
    private static byte[] WebpHeader(byte flags)
    {
        var bytes = new byte[30];
        "RIFF"u8.CopyTo(bytes);
        "WEBPVP8X"u8.CopyTo(bytes.AsSpan(8));
        bytes[20] = flags;
        return bytes;
    }
}
