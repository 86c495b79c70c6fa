using Microsoft.AspNetCore.Http.HttpResults;
using NeuralStyle.Web.Engine;

namespace NeuralStyle.Web.Apis;

/// <summary>A network that can serve as the feature extractor, and whether this server can use it.</summary>
/// <param name="RecommendedStyleWeight">The styleWeight (with contentWeight 1) that gives a clearly stylised picture.</param>
public sealed record ModelInfo(string Name, string Title, string Description, bool Ready, string? NotReadyReason, double RecommendedStyleWeight);

/// <summary>The networks this server offers and the device it runs on.</summary>
public sealed record ModelList(string Device, IReadOnlyList<ModelInfo> Models);

/// <summary><c>/api/models</c>: the backbones (pretrained networks) a job can choose.</summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models", List).WithTags("Models").WithSummary("The backbones a job can name in `backbone`, and the device jobs run on.");
        return app;
    }

    public static Ok<ModelList> List(IStyleEngine engine) => TypedResults.Ok(new ModelList(
        engine.DeviceName,
        engine.Backbones().Select(b => new ModelInfo(b.Name, b.Title, b.Description, b.Ready, b.NotReadyReason, b.RecommendedStyleWeight)).ToList()));
}
