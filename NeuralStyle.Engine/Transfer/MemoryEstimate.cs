using System.Globalization;
using NeuralStyle.Engine.Backbones;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Transfer;

/// <summary>What a backbone's activations cost per pixel of its input, measured once with one forward pass.</summary>
/// <param name="Backbone">The backbone's name.</param>
/// <param name="ActivationBytesPerPixel">
/// Bytes of every layer's activation, from the first to the deepest layer a run uses by default, per input pixel:
/// roughly what autograd keeps for the backward pass of one evaluation.
/// </param>
/// <param name="LargestLayerBytesPerPixel">Bytes of the largest single activation per input pixel.</param>
public sealed record MemoryProfile(string Backbone, double ActivationBytesPerPixel, double LargestLayerBytesPerPixel);

/// <summary>
/// The memory a run needs, estimated before it starts, so that a picture too large for the device is refused with the
/// size that fits instead of failing half-way. The estimate is the peak of the last (largest) stage: coarse-to-fine
/// stages before it are smaller and freed.
/// </summary>
public static class MemoryEstimate
{
    /// <summary>The side of the square picture the profile's forward pass uses; large enough that rounding in the strides hardly matters.</summary>
    public const int ProbeSize = 128;

    /// <summary>
    /// Autograd keeps about one tensor per named layer of VGG19 (each convolution's input, each ReLU's output); half as
    /// much again covers the content targets and the losses' temporaries.
    /// </summary>
    public const double ActivationFactor = 1.5;

    /// <summary>
    /// ResNet18 names one tensor per residual block (its output), but autograd keeps about four there: the block's
    /// input, both batch norms' inputs and the inner ReLU's output.
    /// </summary>
    public const double ResidualBlockTensors = 4;

    /// <summary>
    /// A margin for what a run costs whatever its size: libtorch's thread buffers and convolution workspaces, the
    /// style targets' Gram matrices, each step's small tensors.
    /// </summary>
    public const long FixedBytes = 160L << 20;

    private const int BytesPerPicturePixel = 3 * sizeof(float);

    /// <summary>Measures <paramref name="backbone"/>'s activations at <see cref="ProbeSize"/> on its own device, with no gradients.</summary>
    public static MemoryProfile Measure(IBackbone backbone)
    {
        var used = backbone.DefaultContentLayers.Concat(backbone.DefaultStyleLayers).ToHashSet();
        var deepest = backbone.LayerNames.Select((name, index) => (name, index)).Where(l => used.Contains(l.name)).Max(l => l.index);
        var layers = backbone.LayerNames.Take(deepest + 1).ToList();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var probe = rand(1, 3, ProbeSize, ProbeSize, device: backbone.Device);
        var activations = backbone.Extract(probe, layers);
        var bytes = activations.Values.Select(a => (double)a.numel() * a.ElementSize).ToList();
        const double pixels = (double)ProbeSize * ProbeSize;
        var perNamed = backbone.Name == BackboneCatalog.DefaultBackbone ? ResidualBlockTensors : 1;
        return new MemoryProfile(backbone.Name, perNamed * bytes.Sum() / pixels, bytes.Max() / pixels);
    }

    /// <summary>
    /// The bytes a run of <paramref name="settings"/> needs at its peak for a content picture of
    /// <paramref name="aspect"/> (width over height) and <paramref name="styleCount"/> style pictures (taken as square,
    /// the largest they can be at the style side). The backbone's weights are not included: they are loaded already.
    /// </summary>
    public static long RunBytes(MemoryProfile profile, StyleSettings settings, double aspect, int styleCount)
    {
        var (width, height) = Dimensions(settings.Size, aspect);
        var pixels = (double)width * height;
        // The picture, its gradient, the content photo and the optimiser's own copies; L-BFGS keeps s and y per pair.
        var pictureCopies = settings.Optimizer == OptimizerKind.Lbfgs ? (2 * settings.LbfgsHistory) + 6 : 8;
        // The backward pass holds one layer's gradient beside the saved activations: the largest layer's output and input.
        var optimisation = pixels * ((ActivationFactor * profile.ActivationBytesPerPixel) + (2 * profile.LargestLayerBytesPerPixel) + (pictureCopies * BytesPerPicturePixel));

        // The style targets are computed first, one picture at a time without gradients: a layer's input and output at once.
        var styleSide = (double)StyleTransfer.StyleSide(settings, settings.Size);
        var stylePixels = styleSide * styleSide;
        var targets = stylePixels * 2 * profile.LargestLayerBytesPerPixel;
        var kept = Math.Max(1, styleCount) * stylePixels * BytesPerPicturePixel;
        return FixedBytes + (long)Math.Ceiling(Math.Max(optimisation, targets) + kept);
    }

    /// <summary>
    /// The largest output size (long side, pixels, at least 16, at most <paramref name="maxSize"/>) whose
    /// <see cref="RunBytes"/> fits in <paramref name="availableBytes"/>; 0 when not even 16 px fits.
    /// </summary>
    public static int LargestSize(MemoryProfile profile, StyleSettings settings, double aspect, int styleCount, long availableBytes, int maxSize)
    {
        bool Fits(int size) => RunBytes(profile, settings with { Size = size }, aspect, styleCount) <= availableBytes;
        if (!Fits(16))
        {
            return 0;
        }

        var (low, high) = (16, maxSize);
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            (low, high) = Fits(middle) ? (middle, high) : (low, middle - 1);
        }

        return low;
    }

    /// <summary>
    /// Memory a new run can use on <paramref name="device"/>, or null where it cannot be read. The CPU: the kernel's
    /// MemAvailable (/proc/meminfo), else what the .NET runtime sees as available (which honours container limits).
    /// CUDA: TorchSharp 0.107 exposes no memory query for the GPU, so this is null and the caller needs a configured figure.
    /// </summary>
    public static long? AvailableBytes(Device device)
    {
        if (device.type != TorchSharp.DeviceType.CPU)
        {
            return null;
        }

        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line["MemAvailable:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Not Linux, or a restricted /proc: fall back on the runtime's view.
        }

        var gc = GC.GetGCMemoryInfo();
        return Math.Max(0, gc.TotalAvailableMemoryBytes - Environment.WorkingSet);
    }

    /// <summary>Width and height of a picture with long side <paramref name="size"/> and <paramref name="aspect"/> = width / height.</summary>
    public static (int Width, int Height) Dimensions(int size, double aspect) => aspect >= 1
        ? (size, Math.Max(1, (int)Math.Round(size / aspect)))
        : (Math.Max(1, (int)Math.Round(size * aspect)), size);
}
