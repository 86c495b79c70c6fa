using System.Text.Json;

namespace NeuralStyle.Tests.Web;

/// <summary>The OpenAPI document tells clients about refusals, with ProblemDetails bodies.</summary>
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
}
