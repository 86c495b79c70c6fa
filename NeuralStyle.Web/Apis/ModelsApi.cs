using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Engine;
using NeuralStyle.Web.Hosting;
using NeuralStyle.Web.Models;
using NeuralStyle.Web.Owners;

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
        app.MapGet("/api/models", List).WithName("listModels").WithTags("Models").WithSummary("The backbones a job can name in `backbone`, and the device jobs run on.");
        app.MapGet("/api/models/weights", Weights).WithName("listWeights").WithTags("Models").WithSummary("The VGG19 weights files this server can download, each with its state and download progress.");
        app.MapPost("/api/models/weights/{name}/download", Download).WithName("downloadWeights").WithTags("Models").DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Start downloading a weights file on the server, in the background; watch it with GET /api/models/weights. On a server with sign-in only admins may, without it only requests from the server's own machine.");
        return app;
    }

    public static Ok<IReadOnlyList<ModelDownloadStatus>> Weights(ModelDownloads downloads) => TypedResults.Ok(downloads.All());

    public static Results<Accepted<ModelDownloadStatus>, ProblemHttpResult> Download(string name, HttpContext context, IOptions<AccountOptions> accounts, ModelDownloads downloads)
    {
        if (!accounts.Value.MayManageServer(context.Person(), RequestOrigin.Of(context).FromServerItself))
        {
            return TypedResults.Problem(
                title: accounts.Value.Enabled ? "Only an administrator can do this." : "Only the server itself can do this.",
                detail: accounts.Value.Enabled
                    ? "Downloading a network changes this shared server for everyone, so only its administrators may: sign in with an admin account."
                    : "Downloading a network changes this shared server for everyone, so only a request from the server's own machine may start it (or the models fetch command there).",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var before = downloads.All().FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        if (before is null)
        {
            return TypedResults.Problem(
                title: "No such model.",
                detail: $"There is no weights file called '{name}'. Choose one of: {string.Join(", ", downloads.All().Select(m => m.Name))}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        if (!downloads.Start(before.Name) && before.State != ModelState.Downloading)
        {
            return TypedResults.Problem(title: "Already installed.", detail: $"{before.Name} is on this server already.", statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Accepted("/api/models/weights", downloads.All().First(m => m.Name == before.Name));
    }

    public static Ok<ModelList> List(IStyleEngine engine) => TypedResults.Ok(new ModelList(
        engine.DeviceName,
        engine.Backbones().Select(b => new ModelInfo(b.Name, b.Title, b.Description, b.Ready, b.NotReadyReason, b.RecommendedStyleWeight)).ToList()));
}
