using System.Text.Json;

namespace NeuralStyle.Tests.Web;

/// <summary>The OpenAPI document tells clients what they may send and what they get back, refusals included.</summary>
public sealed class OpenApiTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder(), concurrency: 0);

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Theory]
    [InlineData("/api/jobs", "post", "401,409,429")]
    [InlineData("/api/jobs/{id}", "delete", "403,409,429")]
    [InlineData("/api/jobs/{id}", "get", "429")]
    [InlineData("/api/gallery/{id}", "delete", "403,409,429")]
    [InlineData("/api/gallery", "get", "429")]
    public async Task TheDocumentListsTheRefusalsAnEndpointCanGiveAsProblemDetails(string path, string method, string statuses)
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().ToList();
        var operation = paths.Single(p => p.Name.TrimEnd('/') == path).Value.GetProperty(method);
        var responses = operation.GetProperty("responses");
        foreach (var status in statuses.Split(','))
        {
            Assert.True(responses.TryGetProperty(status, out var response), $"{method} {path} does not list {status}.");
            Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {status} is not ProblemDetails.");
        }
    }

    [Fact]
    public async Task TheServerIsWhereverTheDocumentCameFromNotWhatTheHostHeaderSays()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Host = "attacker.example";

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        Assert.Equal("/", document.RootElement.GetProperty("servers").EnumerateArray().Single().GetProperty("url").GetString());
    }

    [Fact]
    public async Task TheJobFormNeedsOnlyThePicturesAndDescribesEveryField()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var form = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("JobForm");
        Assert.Equal(["content", "style"], form.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        foreach (var field in form.GetProperty("properties").EnumerateObject())
        {
            Assert.True(field.Value.TryGetProperty("description", out var description) && description.GetString()!.Length > 20, $"{field.Name} has no description.");
        }
    }

    [Theory]
    [InlineData("optimizer", "lbfgs,adam")]
    [InlineData("init", "noise,content,style,contentInStyleColours")]
    [InlineData("pooling", "average,max")]
    [InlineData("colour", "style,luminance,matchStyleToPhoto,originalColours")]
    [InlineData("kind", "paint,explore,networkView")]
    [InlineData("exploreAxis", "contentStyleRatio,contentLayer")]
    public async Task TheFormsChoicesAreEnumsOfTheNamesAStatusShows(string field, string names)
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var reference = schemas.GetProperty("JobForm").GetProperty("properties").GetProperty(field).GetProperty("oneOf").EnumerateArray()
            .Single(s => s.TryGetProperty("$ref", out _)).GetProperty("$ref").GetString()!;
        var choices = schemas.GetProperty(reference.Split('/')[^1]).GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(names.Split(','), choices);
    }

    [Theory]
    [InlineData("/api/gallery", "mine", "boolean")]
    [InlineData("/api/jobs/{id}/result", "key", "string")]
    [InlineData("/api/jobs/{id}/thumbnail", "key", "string")]
    [InlineData("/api/gallery/{id}/timelapse", "key", "string")]
    public async Task TheGallerysMineAndTheShareLinksKeyAreDescribedQueryParameters(string path, string name, string type)
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var parameter = document.RootElement.GetProperty("paths").EnumerateObject().Single(p => p.Name.TrimEnd('/') == path).Value.GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);
        Assert.Equal("query", parameter.GetProperty("in").GetString());
        Assert.Equal(type, parameter.GetProperty("schema").GetProperty("type").GetString());
        Assert.True(parameter.GetProperty("description").GetString()!.Length > 20, $"{name} of {path} has no description.");
    }

    [Fact]
    public async Task TheFormSaysAJobIsPrivateUnlessToldOtherwise()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var description = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("JobForm")
            .GetProperty("properties").GetProperty("private").GetProperty("description").GetString()!;
        Assert.Contains("Left out: true (private)", description.ReplaceLineEndings(" "));
    }

    [Fact]
    public async Task EveryOperationHasAnIdAndEveryPictureItsPictureType()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => (Path: path.Name, Operation: method.Value))).ToList();
        var ids = operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var (path, type) in new[] { ("/api/jobs/{id}/result", "image/png"), ("/api/jobs/{id}/thumbnail", "image/jpeg"), ("/api/gallery/{id}/timelapse", "image/gif") })
        {
            var responses = operations.Single(o => o.Path == path).Operation.GetProperty("responses");
            Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty(type, out _), $"{path} does not say it answers {type}.");
            Assert.True(responses.TryGetProperty("404", out _), $"{path} does not list 404.");
        }
    }
}
