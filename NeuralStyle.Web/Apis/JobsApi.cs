using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Limits;
using NeuralStyle.Web.Owners;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Apis;

/// <summary>The new job's id and where to watch it.</summary>
public sealed record JobCreated(Guid Id, string Url);

/// <summary>The multipart form <c>POST /api/jobs</c> takes (for the OpenAPI document; the handler reads the form itself to word its errors).</summary>
public sealed record JobForm(
    IFormFile Content,
    IFormFileCollection Style,
    int? Size,
    int? Iterations,
    string? Backbone,
    double? ContentWeight,
    double? StyleWeight,
    double? TvWeight,
    string? Optimizer,
    string? Init,
    long? Seed,
    string? Pooling,
    int? PreviewEvery,
    string? ContentLayers,
    string? StyleLayers,
    string? Colour,
    string? StyleBlend,
    double? StyleScale,
    int? CoarseToFineAbove,
    int? StageIterations,
    string? Kind,
    string? ExploreAxis,
    int? ExploreCount,
    int? SketchSize,
    int? SketchIterations,
    bool? Private);

/// <summary>What <c>PATCH /api/jobs/{id}</c> changes: whether only the owner and admins can see the job.</summary>
public sealed record JobChange(bool Private);

/// <summary><c>/api/jobs</c>: submit, watch, cancel, and fetch a job's pictures.</summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs");
        jobs.MapPost("/", Submit).Accepts<JobForm>("multipart/form-data").DisableAntiforgery().RequireRateLimiting(RateLimitRegistration.Submissions)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Queue a style transfer: a `content` picture, one or more `style` pictures, settings as form fields (`colour`: style, luminance, match or original; `styleBlend`: one weight per style picture, repeated or comma-separated; `private`: a job is seen only by you and the admins unless this is false). `kind`: paint (default), explore (a grid of `exploreCount` quick variants along `exploreAxis`: ratio or layer) or networkView (the photo rebuilt from each layer, the style from growing sets of layers); sketches are `sketchSize` px with `sketchIterations` each. On a server with sign-in, only signed-in people may submit (401 otherwise).");
        jobs.MapGet("/{id:guid}", Get).WithName("GetJob").WithSummary("State, queue position, iteration and losses.");
        jobs.MapPatch("/{id:guid}", Change).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Make a job private (only its owner and the admins can see it) or public again (only its owner or an admin).");
        jobs.MapDelete("/{id:guid}", Cancel).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a waiting or running job (only its owner, or an admin).");
        jobs.MapGet("/{id:guid}/losses", LossCurve).WithSummary("Every iteration's losses so far.");
        jobs.MapGet("/{id:guid}/preview", Preview).WithSummary("The latest preview frame as a small JPEG; `v` only makes each frame's address distinct.");
        jobs.MapGet("/{id:guid}/result", (Guid id, HttpContext context, JobStore store, PictureStore pictures, CancellationToken ct) => PictureAsync(context, store, pictures, id, PictureKind.Result, 0, ct))
            .WithSummary("The finished picture (PNG).");
        jobs.MapGet("/{id:guid}/thumbnail", (Guid id, HttpContext context, JobStore store, PictureStore pictures, CancellationToken ct) => PictureAsync(context, store, pictures, id, PictureKind.Thumbnail, 0, ct))
            .WithSummary("A small JPEG of the finished picture.");
        jobs.MapGet("/{id:guid}/content", (Guid id, HttpContext context, JobStore store, PictureStore pictures, CancellationToken ct) => PictureAsync(context, store, pictures, id, PictureKind.Content, 0, ct))
            .WithSummary("The content picture as submitted (PNG).");
        jobs.MapGet("/{id:guid}/sketch/{index:int}", (Guid id, int index, HttpContext context, JobStore store, PictureStore pictures, CancellationToken ct) => PictureAsync(context, store, pictures, id, PictureKind.Sketch, index, ct))
            .WithSummary("The index-th small picture of an explore grid or network view (PNG), once it is done.");
        jobs.MapGet("/{id:guid}/style/{index:int}", (Guid id, int index, HttpContext context, JobStore store, PictureStore pictures, CancellationToken ct) => PictureAsync(context, store, pictures, id, PictureKind.Style, index, ct))
            .WithSummary("The index-th style picture (PNG).");
        return app;
    }

    public static async Task<Results<Accepted<JobCreated>, ValidationProblem, ProblemHttpResult>> Submit(
        HttpRequest request, JobSubmitter submitter, IOptions<AccountOptions> accounts, CancellationToken cancellationToken)
    {
        var owner = request.HttpContext.Person();
        if (accounts.Value.Enabled && !owner.SignedIn)
        {
            return TypedResults.Problem(
                title: "Sign in to paint.",
                detail: "This server asks people to sign in before they start a picture: sign in (or register) on the site, then send the request with its sign-in cookie.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(
                title: "Expected a form upload.",
                detail: "Send the pictures as multipart/form-data: a 'content' file, one or more 'style' files, and settings as fields.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var settings = JobSettingsForm.Parse(form, errors);
        var content = form.Files.GetFile("content") is { } file ? ToUpload(file) : null;
        var styles = form.Files.GetFiles("style").Select(ToUpload).ToList();
        // Private unless the client says otherwise: on a shared server, others see a picture only when its owner chooses so.
        var isPrivate = form["private"].ToString().Trim() is not ("false" or "False" or "0" or "off");
        var result = await submitter.SubmitAsync(owner, settings, content, styles, isPrivate, cancellationToken);
        if (result.Refusal is { } refusal)
        {
            return TypedResults.Problem(title: "Too many pictures waiting.", detail: refusal, statusCode: StatusCodes.Status409Conflict);
        }

        foreach (var (field, messages) in result.Errors)
        {
            errors.TryAdd(field, messages);
        }

        if (errors.Count > 0 || result.JobId is not { } id)
        {
            return TypedResults.ValidationProblem(errors, title: "The job was not started: please check these fields.");
        }

        return TypedResults.Accepted(JobUrls.Job(id), new JobCreated(id, JobUrls.Job(id)));
    }

    public static async Task<Results<Ok<JobStatus>, ProblemHttpResult>> Get(Guid id, HttpContext context, JobStatusReader reader, CancellationToken cancellationToken) =>
        await reader.GetAsync(id, context.Person(), cancellationToken) is { } status ? TypedResults.Ok(status) : ApiProblems.NotFound("job");

    public static async Task<Results<Ok<IReadOnlyList<LossPoint>>, ProblemHttpResult>> LossCurve(Guid id, HttpContext context, JobStore store, JobStatusReader reader, CancellationToken cancellationToken) =>
        await VisibleAsync(context, store, id, cancellationToken) is null ? ApiProblems.NotFound("job") : TypedResults.Ok(await reader.LossCurveAsync(id, cancellationToken));

    public static async Task<Results<Ok<JobStatus>, ProblemHttpResult>> Change(Guid id, JobChange change, HttpContext context, GalleryEditor editor, JobStatusReader reader, CancellationToken cancellationToken)
    {
        var who = context.Person();
        if (await reader.GetAsync(id, who, cancellationToken) is null)
        {
            return ApiProblems.NotFound("job");
        }

        return await editor.SetPrivateAsync(id, change.Private, who, cancellationToken) && await reader.GetAsync(id, who, cancellationToken) is { } status
            ? TypedResults.Ok(status)
            : TypedResults.Problem(title: "Not your job.", detail: "Only the person who made a picture, or an admin, can make it private or public.", statusCode: StatusCodes.Status403Forbidden);
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> Cancel(Guid id, HttpContext context, JobCanceller canceller, CancellationToken cancellationToken) =>
        await canceller.CancelAsync(id, context.Person(), cancellationToken) switch
        {
            CancelOutcome.Canceled => TypedResults.Accepted(JobUrls.Job(id)),
            CancelOutcome.NotOwner => TypedResults.Problem(title: "Not your job.", detail: "Only the browser or client that submitted a job can cancel it, or an admin.", statusCode: StatusCodes.Status403Forbidden),
            CancelOutcome.AlreadyFinished => TypedResults.Problem(title: "Already finished.", detail: "This job has already finished, so there is nothing to cancel.", statusCode: StatusCodes.Status409Conflict),
            _ => ApiProblems.NotFound("job"),
        };

    public static async Task<Results<FileContentHttpResult, FileStreamHttpResult, ProblemHttpResult>> Preview(Guid id, LiveJobs live, PictureStore pictures, JobStore store, HttpContext context, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (await VisibleAsync(context, store, id, cancellationToken) is null)
        {
            return ApiProblems.NotFound("job");
        }

        if (live.Find(id)?.Frame is { } frame)
        {
            return TypedResults.File(frame.Bytes, "image/jpeg");
        }

        if (pictures.Open(id, PictureKind.Thumbnail) is { } thumbnail)
        {
            return TypedResults.Stream(thumbnail, "image/jpeg");
        }

        return TypedResults.Problem(title: "No picture yet.", detail: "This job has not produced a preview yet; try again after its first iterations.", statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// The job when the asker may see it, or the address carries its share link's <c>key</c>; a private job of someone
    /// else's reads as missing, so its existence does not leak.
    /// </summary>
    private static async Task<JobEntity?> VisibleAsync(HttpContext context, JobStore store, Guid id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } job && JobAccess.CanSee(job, context.Person(), context.Request.Query["key"].ToString()) ? job : null;

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> PictureAsync(
        HttpContext context, JobStore store, PictureStore pictures, Guid id, PictureKind kind, int index, CancellationToken cancellationToken)
    {
        if (index < 0 || await VisibleAsync(context, store, id, cancellationToken) is null || pictures.Open(id, kind, index) is not { } stream)
        {
            return ApiProblems.NotFound(kind switch
            {
                PictureKind.Result => "finished picture for this job (yet)",
                PictureKind.Sketch => "sketch with this number for this job (yet)",
                _ => "picture",
            });
        }

        var name = kind == PictureKind.Result ? $"neuralstyle-{id:N}.png" : null;
        return TypedResults.Stream(stream, PictureStore.ContentType(kind), name);
    }

    private static UploadedPicture ToUpload(IFormFile file) => new(file.FileName, file.OpenReadStream);
}
