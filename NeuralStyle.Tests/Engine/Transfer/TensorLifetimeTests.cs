using NeuralStyle.Engine.Transfer;
using NeuralStyle.Tests.Support;
using TorchSharp;

namespace NeuralStyle.Tests.Engine.Transfer;

public class TensorLifetimeTests
{
    private static long LiveTensors => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    [Theory]
    [InlineData(OptimizerKind.Lbfgs)]
    [InlineData(OptimizerKind.Adam)]
    public void LiveTensorCountStaysFlatOver200Steps(OptimizerKind optimizer)
    {
        using var backbone = new TinyBackbone();
        var live = new List<long>();
        var progress = new RecordingProgress(_ => live.Add(LiveTensors));
        var before = LiveTensors;

        StyleTransfer.Run(
            backbone,
            Pictures.Photo(40, 32),
            [Pictures.Stripes(32, 32)],
            new StyleSettings { Size = 32, Iterations = 200, PreviewEvery = 20, Optimizer = optimizer, ContentWeight = 1e-4, StyleWeight = 1 },
            progress,
            CancellationToken.None);

        // Adam's state is made on the first step; L-BFGS keeps its history in three tensors (the pairs and two tables
        // of their inner products) plus its previous pixels and gradient. Everything else each step makes must die with it.
        var growth = optimizer == OptimizerKind.Adam ? 0 : 5;
        Assert.All(live.Skip(1), count => Assert.InRange(count, live[0], live[0] + growth));
        if (optimizer == OptimizerKind.Adam)
        {
            Assert.All(live, count => Assert.Equal(live[0], count));
        }

        Assert.Equal(before, LiveTensors);
    }
}
