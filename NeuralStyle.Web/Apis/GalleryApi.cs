using Microsoft.AspNetCore.Http.HttpResults;
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
        var gallery = app.MapGroup("/api/gallery").WithTags("Gallery");
        gallery.MapGet("/", List).WithSummary("Finished pictures you may see (private ones only to their owner and admins), newest first; `mine=true` lists only yours; `page` starts at 1, `pageSize` up to 100.");
        gallery.MapGet("/{id:guid}/timelapse", TimeLapse).WithSummary("The finished picture being painted, as a looping animated GIF built from the run's preview frames.");
        gallery.MapDelete("/{id:guid}", Delete).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Remove a finished job and its pictures (only its owner, or an admin).");
        return app;
    }

    public static async Task<Results<Ok<GalleryPage>, ValidationProblem>> List(HttpContext context, JobStore store, int? page, int? pageSize, bool? mine, CancellationToken cancellationToken)
    {
        var (pageNumber, size) = (page ?? 1, pageSize ?? 24);
        var errors = new Dictionary<string, string[]>();
        if (pageNumber < 1)
        {
            errors["page"] = ["The page number starts at 1."];
        }

        if (size is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"The page size must be between 1 and {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The gallery page could not be shown.");
        }

        var owner = context.Person();
        var (items, total) = await store.GalleryAsync(pageNumber, size, owner, mine ?? false, cancellationToken);
        return TypedResults.Ok(new GalleryPage(items.Select(job => ToItem(job, owner)).ToList(), pageNumber, size, total));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> TimeLapse(Guid id, HttpContext context, JobStore store, PictureStore pictures, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } job && JobAccess.CanSee(job, context.Person(), context.Request.Query["key"].ToString())
        && pictures.Open(id, PictureKind.TimeLapse) is { } stream
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
