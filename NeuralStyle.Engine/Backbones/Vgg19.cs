// VGG19's convolutional part (Simonyan & Zisserman 2015, configuration E) as Gatys, Ecker & Bethge (CVPR 2016, section 2) use it.
using NeuralStyle.Engine.Transfer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NeuralStyle.Engine.Backbones;

/// <summary>
/// VGG19's 16 convolutions (3x3, padding 1) with their ReLUs and five 2x2 stride-2 poolings, without the fully
/// connected classifier. Parameters are named like the paper's layers (<c>conv1_1.weight</c> ... <c>conv5_4.bias</c>),
/// the key style of the authors' <c>vgg_conv.pth</c>. Build on the CPU, load weights, then move to the device.
/// </summary>
public sealed class Vgg19 : Module<Tensor, Tensor>
{
    /// <summary>The 16 convolutions in forward order with their input and output channels.</summary>
    public static IReadOnlyList<(string Name, int InChannels, int OutChannels)> Convolutions { get; } =
    [
        ("conv1_1", 3, 64), ("conv1_2", 64, 64),
        ("conv2_1", 64, 128), ("conv2_2", 128, 128),
        ("conv3_1", 128, 256), ("conv3_2", 256, 256), ("conv3_3", 256, 256), ("conv3_4", 256, 256),
        ("conv4_1", 256, 512), ("conv4_2", 512, 512), ("conv4_3", 512, 512), ("conv4_4", 512, 512),
        ("conv5_1", 512, 512), ("conv5_2", 512, 512), ("conv5_3", 512, 512), ("conv5_4", 512, 512),
    ];

    /// <summary>
    /// Every activation in forward order: <c>convB_I</c> (before the ReLU), <c>reluB_I</c>, and <c>poolB</c> after
    /// each block.
    /// </summary>
    public static IReadOnlyList<string> LayerNames { get; } = Convolutions
        .GroupBy(c => c.Name[4])
        .SelectMany(block => block
            .SelectMany(c => new[] { c.Name, "relu" + c.Name[4..] })
            .Append($"pool{block.Key}"))
        .ToArray();

    private readonly Conv2d conv1_1, conv1_2;
    private readonly Conv2d conv2_1, conv2_2;
    private readonly Conv2d conv3_1, conv3_2, conv3_3, conv3_4;
    private readonly Conv2d conv4_1, conv4_2, conv4_3, conv4_4;
    private readonly Conv2d conv5_1, conv5_2, conv5_3, conv5_4;
    private readonly Module<Tensor, Tensor> pool1, pool2, pool3, pool4, pool5;

    // The ReLUs hold no weights, so one module serves all 16.
    private readonly ReLU relu = ReLU();

    // Forward order with each activation's name.
    private readonly (string Name, Module<Tensor, Tensor> Layer)[] sequence;

    /// <summary>Builds VGG19 with freshly initialised weights on the CPU.</summary>
    /// <param name="pooling">Average (the paper's choice, section 2) or max (as VGG19 was trained).</param>
    public Vgg19(PoolingKind pooling = PoolingKind.Average) : base(nameof(Vgg19))
    {
        conv1_1 = Conv(0); conv1_2 = Conv(1);
        conv2_1 = Conv(2); conv2_2 = Conv(3);
        conv3_1 = Conv(4); conv3_2 = Conv(5); conv3_3 = Conv(6); conv3_4 = Conv(7);
        conv4_1 = Conv(8); conv4_2 = Conv(9); conv4_3 = Conv(10); conv4_4 = Conv(11);
        conv5_1 = Conv(12); conv5_2 = Conv(13); conv5_3 = Conv(14); conv5_4 = Conv(15);
        pool1 = Pool(pooling); pool2 = Pool(pooling); pool3 = Pool(pooling); pool4 = Pool(pooling); pool5 = Pool(pooling);
        Pooling = pooling;

        Conv2d[] convs =
        [
            conv1_1, conv1_2, conv2_1, conv2_2, conv3_1, conv3_2, conv3_3, conv3_4,
            conv4_1, conv4_2, conv4_3, conv4_4, conv5_1, conv5_2, conv5_3, conv5_4,
        ];
        var convByName = Convolutions.Select((c, i) => (c.Name, Conv: convs[i])).ToDictionary(c => c.Name, c => c.Conv);
        Module<Tensor, Tensor>[] pools = [pool1, pool2, pool3, pool4, pool5];
        sequence = LayerNames
            .Select(name => (name, name[..4] switch
            {
                "conv" => (Module<Tensor, Tensor>)convByName[name],
                "relu" => relu,
                _ => pools[name[4] - '1'],
            }))
            .ToArray();
        RegisterComponents();
    }

    /// <summary>The pooling this network was built with.</summary>
    public PoolingKind Pooling { get; }

    /// <summary>Runs all 16 convolutions and returns pool5 (N x 512 x H/32 x W/32).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var (_, layer) in sequence)
        {
            x = layer.call(x);
        }

        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Runs the network on an already preprocessed input (N x 3 x H x W) up to the deepest of
    /// <paramref name="layers"/> and no further, and returns those activations.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not one of <see cref="LayerNames"/>.</exception>
    public IReadOnlyDictionary<string, Tensor> Activations(Tensor input, IReadOnlyCollection<string> layers)
    {
        var unknown = layers.Where(l => !LayerNames.Contains(l)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"VGG19 has no layer {string.Join(", ", unknown)}; its layers are {string.Join(", ", LayerNames)}.",
                nameof(layers));
        }

        var result = new Dictionary<string, Tensor>();
        if (layers.Count == 0)
        {
            return result;
        }

        using var scope = NewDisposeScope();
        var deepest = layers.Max(l => Array.FindIndex(sequence, s => s.Name == l));
        var x = input;
        for (var i = 0; i <= deepest; i++)
        {
            x = sequence[i].Layer.call(x);
            if (layers.Contains(sequence[i].Name))
            {
                result[sequence[i].Name] = x;
            }
        }

        foreach (var activation in result.Values)
        {
            activation.MoveToOuterDisposeScope();
        }

        return result;
    }

    /// <summary>
    /// Copies a checked state dict with the paper's key names (<c>conv1_1.weight</c> ...) into the network and
    /// freezes it: the weights never receive gradients.
    /// </summary>
    internal void LoadWeights(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        using (no_grad())
        {
            foreach (var (name, parameter) in named_parameters())
            {
                parameter.copy_(stateDict[name]);
            }
        }

        foreach (var parameter in parameters())
        {
            parameter.requires_grad = false;
        }

        eval();
    }

    private static Conv2d Conv(int index)
    {
        var (_, inChannels, outChannels) = Convolutions[index];
        return Conv2d(inChannels, outChannels, kernel_size: 3, padding: 1);
    }

    private static Module<Tensor, Tensor> Pool(PoolingKind pooling) => pooling switch
    {
        PoolingKind.Average => AvgPool2d(kernel_size: 2, stride: 2),
        PoolingKind.Max => MaxPool2d(kernel_size: 2, stride: 2),
        _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Unknown pooling."),
    };
}
