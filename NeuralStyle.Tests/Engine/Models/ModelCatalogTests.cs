using NeuralStyle.Engine.Models;

namespace NeuralStyle.Tests.Engine.Models;

public sealed class ModelCatalogTests
{
    [Fact]
    public void TorchvisionsFileNameCarriesThePrefixOfTheHashItIsCheckedAgainst()
    {
        var model = ModelCatalog.Find("vgg19-torchvision")!;

        Assert.Equal($"vgg19-{model.Sha256}.pth", model.FileName);
        Assert.EndsWith(model.FileName, model.Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPublishedHashIsLowerCaseHexOfAUsableLength()
    {
        foreach (var hash in ModelCatalog.All.Select(m => m.Sha256).OfType<string>())
        {
            Assert.True(hash.Length is 8 or 64 && hash.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)), hash);
        }
    }

    [Fact]
    public void APrefixMatchesOnlyTheHashItStarts()
    {
        const string hash = "692f9f927f1df1b89033787a77a73eac59fd9b3344f9ecdf0b13221e41c2046f";

        Assert.True(Sha256Check.Matches(hash, "692f9f92"));
        Assert.True(Sha256Check.Matches(hash, hash));
        Assert.False(Sha256Check.Matches(hash, "692f9f93"));
        Assert.False(Sha256Check.Matches(hash, "692f"));
        Assert.True(Sha256Check.Matches(hash, null));
    }
}
