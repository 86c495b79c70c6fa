using NeuralStyle.Web.Components.Pages;

namespace NeuralStyle.Tests.Web;

public sealed class ContentStyleBalanceTests
{
    [Theory]
    [InlineData(0, 1e-5)]
    [InlineData(50, 1e-3)]
    [InlineData(100, 1e-1)]
    public void BalanceSliderMapsToTheContentToStyleRatioOnALogScale(double position, double ratio)
    {
        var (alpha, beta) = ContentStyleBalance.Weights(position);

        Assert.Equal(ratio, alpha / beta, ratio * 1e-9);
        Assert.Equal(position, ContentStyleBalance.Position(alpha, beta), 9);
    }
}
