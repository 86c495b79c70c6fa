using NeuralStyle.Web.Components.Pages;

namespace NeuralStyle.Tests.Web;

public sealed class ContentStyleBalanceTests
{
    [Theory]
    [InlineData(0, 1e-5)]
    [InlineData(50, 1e-3)]
    [InlineData(100, 1e-1)]
    public void ForThePapersStyleWeightTheSliderSpansAlphaOverBetaFrom1e5To1e1(double position, double ratio)
    {
        var scale = new ContentStyleBalance(recommendedStyleWeight: 1e3);

        var (alpha, beta) = scale.Weights(position);

        Assert.Equal(1, alpha);
        Assert.Equal(ratio, alpha / beta, ratio * 1e-9);
        Assert.Equal(position, scale.Position(alpha, beta), 9);
    }

    [Fact]
    public void TheSlidersMiddleIsTheNetworksRecommendedStyleWeight()
    {
        var scale = new ContentStyleBalance(recommendedStyleWeight: 1e5);

        Assert.Equal(1e5, scale.Weights(50).StyleWeight, 1e-6);
        Assert.Equal(1e7, scale.Weights(0).StyleWeight, 1e-4);
        Assert.Equal(1e3, scale.Weights(100).StyleWeight, 1e-8);
    }
}
