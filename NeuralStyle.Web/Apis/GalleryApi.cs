using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Apis;

/// <summary>A finished picture in the gallery.</summary>
public sealed record GalleryEntry(
    Guid Id,
    DateTimeOffset CreatedAt,
    int Width,
    int Height,
    string Backbone,
    int Iterations,
    double? DurationSeconds,
    string? Device,
    string ThumbnailUrl,
    string ResultUrl,
    string JobUrl,
    bool YouOwnIt,
    bool Private);

/// <summary>One page of the gallery, newest first.</summary>
public sealed record GalleryPage(IReadOnlyList<GalleryEntry> Items, int Page, int PageSize, int Total);

/// <summary><c>/api/gallery</c>: every finished picture, newest first.</summary>
public static class GalleryApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapGalleryApi(this IEndpointRouteBuilder app)
    {
        var gallery = app.MapGroup("/api/gallery").WithTags("Gallery").AddOpenApiOperationTransformer(ApiDocument.ShareKeyParameter);
        gallery.MapGet("/", List).WithName("listGallery").AddOpenApiOperationTransformer(PageParameters)
            .WithSummary("Finished pictures you may see (private ones only to their owner and admins), newest first; `mine=true` lists only yours; `page` starts at 1, `pageSize` up to 100.");
        gallery.MapGet("/{id:guid}/timelapse", TimeLapse).WithName("getTimeLapse").Produces<Stream>(StatusCodes.Status200OK, "image/gif").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The finished picture being painted, as a looping animated GIF built from the run's preview frames.");
        gallery.MapDelete("/{id:guid}", Delete).WithName("deletePicture")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Remove a finished job and its pictures (only its owner, or an admin).");
        return app;
    }

    /// <summary>
    /// <c>page</c>, <c>pageSize</c> and <c>mine</c> are read as text, so that "abc" gets the same ValidationProblem (with
    /// its <c>errors</c>) as a number out of range, rather than a bare 400 from binding; they are whole numbers and a
    /// true or false all the same.
    /// </summary>
    public static async Task<Results<Ok<GalleryPage>, ValidationProblem>> List(
        HttpContext context, JobStore store, string? page, string? pageSize, string? mine, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var pageNumber = WholeNumber(page, 1);
        if (pageNumber is not >= 1)
        {
            errors["page"] = [$"The page number is a whole number from 1; '{page}' is not."];
        }

        var size = WholeNumber(pageSize, 24);
        if (size is not (>= 1 and <= MaxPageSize))
        {
            errors["pageSize"] = [$"The page size is a whole number from 1 to {MaxPageSize}; '{pageSize}' is not."];
        }

        var onlyMine = string.IsNullOrWhiteSpace(mine) ? false : bool.TryParse(mine.Trim(), out var flag) ? flag : (bool?)null;
        if (onlyMine is null)
        {
            errors["mine"] = [$"Mine is true (only your pictures) or false (every picture you may see); '{mine}' is neither."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The gallery page could not be shown.");
        }

        var owner = context.Person();
        var (items, total) = await store.GalleryAsync(pageNumber!.Value, size!.Value, owner, onlyMine!.Value, cancellationToken);
        return TypedResults.Ok(new GalleryPage(items.Select(job => ToItem(job, owner)).ToList(), pageNumber.Value, size.Value, total));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> TimeLapse(
        Guid id, string? key, HttpContext context, JobStore store, PictureStore pictures, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } job && JobAccess.CanSee(job, context.Person(), key) && pictures.Open(id, PictureKind.TimeLapse) is { } stream
            ? TypedResults.Stream(stream, PictureStore.ContentType(PictureKind.TimeLapse))
            : TypedResults.Problem(
                title: "No time-lapse.",
                detail: "There is no time-lapse for this id: it is made when a job succeeds, and goes when the picture is deleted.",
                statusCode: StatusCodes.Status404NotFound);

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext context, GalleryEditor editor, CancellationToken cancellationToken) =>
        await editor.DeleteAsync(id, context.Person(), cancellationToken) switch
        {
            GalleryDeleteOutcome.Deleted => TypedResults.NoContent(),
            GalleryDeleteOutcome.NotOwner => TypedResults.Problem(title: "Not your picture.", detail: "Only the browser or client that made a picture can delete it, or an admin.", statusCode: StatusCodes.Status403Forbidden),
            GalleryDeleteOutcome.StillRunning => TypedResults.Problem(title: "Still running.", detail: "This job has not finished yet: cancel it first.", statusCode: StatusCodes.Status409Conflict),
            _ => ApiProblems.NotFound("picture"),
        };

    /// <summary>The number <paramref name="text"/> says; <paramref name="absent"/> when there is none; null when it is not a whole number.</summary>
    private static int? WholeNumber(string? text, int absent) =>
        string.IsNullOrWhiteSpace(text) ? absent : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static Task PageParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            (parameter.Description, parameter.Schema) = parameter.Name switch
            {
                "page" => ("Which page, from 1 (the newest pictures).", Whole(1, null, 1)),
                "pageSize" => ($"Pictures a page, 1 to {MaxPageSize}.", Whole(1, MaxPageSize, 24)),
                "mine" => ("True lists only your own pictures (private and shown alike); false, every picture you may see.", new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = false }),
                _ => (parameter.Description, parameter.Schema),
            };
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema Whole(int minimum, int? maximum, int fallback) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum?.ToString(CultureInfo.InvariantCulture),
        Default = fallback,
    };

    public static GalleryEntry ToItem(JobEntity job, Owner owner) => new(
        job.Id,
        job.CreatedAt,
        job.ResultWidth,
        job.ResultHeight,
        JobStore.SettingsOf(job).Backbone,
        job.Iterations,
        job.DurationSeconds,
        job.Device,
        JobUrls.Thumbnail(job.Id),
        JobUrls.Result(job.Id),
        JobUrls.Job(job.Id),
        owner.Id == job.OwnerId,
        job.Private);
}
