// ONNX Conv/MaxPool/AveragePool windows (https://onnx.ai/onnx/operators/), with TensorFlow/CNTK "same" padding.
namespace NeuralStyle.Engine.Backbones.Onnx;

/// <summary>How a sliding window's padding is found for an input of a given size.</summary>
internal enum PaddingRule
{
    /// <summary>The node's declared pads, whatever the input size.</summary>
    Explicit,

    /// <summary>"Same" padding (output = ceil(input / stride)) with the odd pixel at the start (CNTK, SAME_LOWER).</summary>
    SameExtraAtStart,

    /// <summary>"Same" padding with the odd pixel at the end (TensorFlow, SAME_UPPER).</summary>
    SameExtraAtEnd,

    /// <summary>The window covers the whole input: a pooling exported for one input size that means global pooling.</summary>
    Global,
}

/// <summary>
/// The geometry of a 2-D sliding window: kernel, strides, dilations and pads in ONNX layout
/// (<c>[top, left, bottom, right]</c>), and the rule that turns them into pads for any input size.
/// </summary>
internal sealed record SpatialWindow(long[] Kernel, long[] Strides, long[] Dilations, long[] Pads, PaddingRule Rule, bool CeilMode)
{
    /// <summary>Reads the window of a Conv (kernel from <paramref name="weightDims"/> if not an attribute) or pooling node.</summary>
    public static SpatialWindow Of(OnnxNode node, long[]? weightDims)
    {
        var kernel = node.GetInts("kernel_shape") ?? weightDims?[2..]
            ?? throw new InvalidDataException($"{node} has no kernel_shape.");
        if (kernel.Length != 2)
        {
            throw new NotSupportedException($"{node} has a {kernel.Length}-D window; only 2-D windows are supported.");
        }

        var rule = node.GetString("auto_pad", "NOTSET") switch
        {
            "SAME_UPPER" => PaddingRule.SameExtraAtEnd,
            "SAME_LOWER" => PaddingRule.SameExtraAtStart,
            _ => PaddingRule.Explicit,
        };
        return new SpatialWindow(
            kernel,
            node.GetInts("strides") ?? [1, 1],
            node.GetInts("dilations") ?? [1, 1],
            node.GetInts("pads") ?? [0, 0, 0, 0],
            rule,
            node.GetInt("ceil_mode", 0) == 1);
    }

    /// <summary>
    /// Decides how the pads generalise to other input sizes from the size the graph was exported for: declared pads
    /// that equal "same" padding at <paramref name="declaredSize"/> are taken to be "same" padding everywhere,
    /// because exporters such as CNTK write out the pads they computed for one size.
    /// </summary>
    public SpatialWindow Generalised(long[] declaredSize, bool isPooling)
    {
        if (Rule != PaddingRule.Explicit)
        {
            return this;
        }

        if (isPooling && Pads.All(p => p == 0) && Kernel.SequenceEqual(declaredSize))
        {
            return this with { Rule = PaddingRule.Global };
        }

        if (Pads.SequenceEqual(SamePads(declaredSize, extraAtStart: true)))
        {
            return this with { Rule = PaddingRule.SameExtraAtStart };
        }

        return Pads.SequenceEqual(SamePads(declaredSize, extraAtStart: false)) ? this with { Rule = PaddingRule.SameExtraAtEnd } : this;
    }

    /// <summary>The pads (<c>[top, left, bottom, right]</c>) for an input of <paramref name="size"/> (height, width).</summary>
    public long[] PadsFor(long[] size) => Rule switch
    {
        PaddingRule.SameExtraAtStart => SamePads(size, extraAtStart: true),
        PaddingRule.SameExtraAtEnd => SamePads(size, extraAtStart: false),
        PaddingRule.Global => [0, 0, 0, 0],
        _ => Pads,
    };

    /// <summary>The kernel for an input of <paramref name="size"/>: the whole input under <see cref="PaddingRule.Global"/>.</summary>
    public long[] KernelFor(long[] size) => Rule == PaddingRule.Global ? size : Kernel;

    /// <summary>The output size (height, width) for an input of <paramref name="size"/>.</summary>
    public long[] OutputSize(long[] size)
    {
        var pads = PadsFor(size);
        var kernel = KernelFor(size);
        var output = new long[2];
        for (var i = 0; i < 2; i++)
        {
            var span = size[i] + pads[i] + pads[i + 2] - ((kernel[i] - 1) * Dilations[i] + 1);
            output[i] = (CeilMode ? CeilDiv(span, Strides[i]) : span / Strides[i]) + 1;
        }

        return output;
    }

    private long[] SamePads(long[] size, bool extraAtStart)
    {
        var pads = new long[4];
        for (var i = 0; i < 2; i++)
        {
            var extent = (Kernel[i] - 1) * Dilations[i] + 1;
            var total = Math.Max((CeilDiv(size[i], Strides[i]) - 1) * Strides[i] + extent - size[i], 0);
            var begin = extraAtStart ? CeilDiv(total, 2) : total / 2;
            pads[i] = begin;
            pads[i + 2] = total - begin;
        }

        return pads;
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
