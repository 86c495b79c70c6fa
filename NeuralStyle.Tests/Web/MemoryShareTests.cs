using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Engine;

namespace NeuralStyle.Tests.Web;

/// <summary>With several jobs allowed at once, each is sized against its share of the server's memory.</summary>
public sealed class MemoryShareTests
{
    [Fact]
    public void TwoJobsAtOnceEachGetAboutHalfTheMemory()
    {
        // A long L-BFGS history makes each pixel costly, so that neither size reaches the 4096 px cap on a big machine.
        var settings = new StyleSettings { Backbone = "resnet18", LbfgsHistory = StyleSettingsValidation.MaxLbfgsHistory };
        int? Largest(int concurrency)
        {
            using var factory = new StyleAppFactory(StyleAppFactory.NewDataFolder(), concurrency, realEngine: true);
            return factory.Services.GetRequiredService<IStyleEngine>().LargestSize(settings, 1, 1);
        }

        var alone = Largest(1);
        var shared = Largest(2);

        Assert.NotNull(alone);
        Assert.NotNull(shared);
        Assert.True(alone < StyleSettingsValidation.MaxSize, $"alone: {alone} px");
        // Memory grows with the square of the size, so half of it holds about 1/sqrt(2) of the size; the fixed part of
        // the estimate (runtime and model) makes the share a little smaller still.
        var ratio = (double)shared!.Value / alone!.Value;
        Assert.InRange(ratio, 0.55, 0.75);
    }
}
