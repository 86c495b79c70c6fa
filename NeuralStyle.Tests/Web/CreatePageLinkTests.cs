using System.Net;

namespace NeuralStyle.Tests.Web;

/// <summary>A Create page link with a query the page cannot follow opens the page with a sentence, not a 500.</summary>
public sealed class CreatePageLinkTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder(), concurrency: 0);

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Theory]
    [InlineData("/?from=abc", "This link is not valid: 'abc' is not the id of a picture. You can start afresh below.")]
    [InlineData("/create?from=1", "This link is not valid: '1' is not the id of a picture. You can start afresh below.")]
    [InlineData("/?sketch=abc", "This link is not valid: it names a sketch but not the picture it belongs to. You can start afresh below.")]
    [InlineData("/?sketch=99999999999", "This link is not valid: it names a sketch but not the picture it belongs to. You can start afresh below.")]
    [InlineData("/create?from=3f2b0c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f&sketch=99999999999",
        "This link is not valid: '99999999999' is not the number of a sketch. You can start afresh below.")]
    [InlineData("/create?from=3f2b0c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f",
        "This link's picture is not here any more (it may have been deleted). You can start afresh below.")]
    public async Task ALinkThePageCannotFollowOpensThePageWithASentence(string link, string sentence)
    {
        var response = await factory.CreateClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(sentence, page);
        Assert.Contains("Paint a photo in the style of another picture", page);
    }
}
