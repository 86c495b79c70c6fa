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

/// <summary>The queue as one person sees it.</summary>
/// <param name="Waiting">Jobs waiting in the queue, everyone's.</param>
/// <param name="Running">Jobs running now, everyone's.</param>
/// <param name="Yours">Your jobs that are waiting or running, oldest first, each with its place in the queue.</param>
public sealed record JobQueueView(int Waiting, int Running, IReadOnlyList<JobStatus> Yours);

/// <summary>What <c>PATCH /api/jobs/{id}</c> changes: whether only the owner and admins can see the job.</summary>
public sealed record JobChange(bool Private);

/// <summary><c>/api/jobs</c>: submit, watch, cancel, and fetch a job's pictures.</summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").AddOpenApiOperationTransformer(ApiDocument.ShareKeyParameter);
        jobs.MapPost("/", Submit).WithName("submitJob").Accepts<JobForm>("multipart/form-data").DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status408RequestTimeout).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Queue a style transfer.")
            .WithDescription("A multipart form: a `content` picture, one or more `style` pictures, and any settings as fields named as in a job's `settings` " +
                "(a field left out keeps its default). Watch the job at the answer's `url`, or on the hub at /hubs/progress. " +
                "A job is private (seen only by you, the admins and whoever you give its share link) unless `private` is false. " +
                "On a server with sign-in, only signed-in people may submit (401 otherwise); a person with too many jobs waiting gets 409, " +
                "and one who started many jobs in a short time 429 with Retry-After. A submission with a mistake in it (400) is not counted as a job started.");
        jobs.MapGet("/", List).WithName("listJobs").WithSummary("How many jobs wait and run, and yours that are not finished yet, each with its place in the queue.");
        jobs.MapGet("/{id:guid}", Get).WithName("getJob").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("State, queue position, iteration and losses.");
        jobs.MapPatch("/{id:guid}", Change).WithName("changeJob").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Make a job private (only its owner and the admins can see it) or public again (only its owner or an admin).");
        jobs.MapDelete("/{id:guid}", Cancel).WithName("cancelJob")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a waiting or running job (only its owner, or an admin).");
        jobs.MapGet("/{id:guid}/losses", LossCurve).WithName("getJobLosses").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Every iteration's losses so far.");
        jobs.MapGet("/{id:guid}/preview", Preview).WithName("getJobPreview").Produces<Stream>(StatusCodes.Status200OK, "image/jpeg").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The latest preview frame as a small JPEG; `v` only makes each frame's address distinct.");
        jobs.MapGet("/{id:guid}/result", Result).WithName("getJobResult").Produces<Stream>(StatusCodes.Status200OK, "image/png").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The finished picture (PNG, carrying the settings it was made with).");
        jobs.MapGet("/{id:guid}/thumbnail", Thumbnail).WithName("getJobThumbnail").Produces<Stream>(StatusCodes.Status200OK, "image/jpeg").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A small JPEG of the finished picture.");
        jobs.MapGet("/{id:guid}/content", Content).WithName("getJobContent").Produces<Stream>(StatusCodes.Status200OK, "image/png").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The content picture as submitted (PNG).");
        jobs.MapGet("/{id:guid}/sketch/{index:int}", Sketch).WithName("getJobSketch").Produces<Stream>(StatusCodes.Status200OK, "image/png").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The index-th small picture of an explore grid or network view (PNG), once it is done.");
        jobs.MapGet("/{id:guid}/style/{index:int}", Style).WithName("getJobStyle").Produces<Stream>(StatusCodes.Status200OK, "image/png").ProducesProblem(StatusCodes.Status404NotFound)
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

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // Kestrel's own complaints (too large, too slow, badly chunked) are BadHttpRequestException, answered by RequestBodyProblems.
            return TypedResults.Problem(
                title: "The form could not be read.",
                detail: $"The multipart form is malformed or cut short ({e.Message.TrimEnd('.')}): send the pictures and fields again as one complete multipart/form-data body.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var errors = new Dictionary<string, string[]>();
        var settings = JobSettingsForm.Parse(form, errors);
        var content = form.Files.GetFile("content") is { } file ? ToUpload(file) : null;
        var styles = form.Files.GetFiles("style").Select(ToUpload).ToList();
        // Private unless the client says otherwise: on a shared server, others see a picture only when its owner chooses so.
        var isPrivate = form["private"].ToString().Trim() is not ("false" or "False" or "0" or "off");
        var result = await submitter.SubmitAsync(owner, settings, content, styles, isPrivate, errors, cancellationToken);
        if (result.Refusal is { } refusal)
        {
            if (result.RetryAfter is { } wait)
            {
                RateLimitRegistration.SetRetryAfter(request.HttpContext.Response, wait);
                return TypedResults.Problem(
                    title: RateLimitMessages.SubmissionsTitle, detail: refusal, statusCode: StatusCodes.Status429TooManyRequests, type: RateLimitMessages.TooManyRequestsType);
            }

            return TypedResults.Problem(title: "Too many pictures waiting.", detail: refusal, statusCode: StatusCodes.Status409Conflict);
        }

        if (result.JobId is not { } id)
        {
            return TypedResults.ValidationProblem(result.Errors, title: "The job was not started: please check these fields.");
        }

        return TypedResults.Accepted(JobUrls.Job(id), new JobCreated(id, JobUrls.Job(id)));
    }

    public static async Task<Ok<JobQueueView>> List(HttpContext context, JobStore store, JobQueue queue, LiveJobs live, JobStatusReader reader, CancellationToken cancellationToken)
    {
        var who = context.Person();
        var yours = new List<JobStatus>();
        foreach (var job in await store.UnfinishedAsync(who.Id, cancellationToken))
        {
            yours.Add(await reader.DescribeAsync(job, who, cancellationToken));
        }

        return TypedResults.Ok(new JobQueueView(queue.Count, live.Count, yours));
    }

    public static async Task<Results<Ok<JobStatus>, ProblemHttpResult>> Get(Guid id, HttpContext context, JobStatusReader reader, CancellationToken cancellationToken) =>
        await reader.GetAsync(id, context.Person(), cancellationToken) is { } status ? TypedResults.Ok(status) : ApiProblems.NotFound("job");

    public static async Task<Results<Ok<IReadOnlyList<LossPoint>>, ProblemHttpResult>> LossCurve(
        Guid id, string? key, HttpContext context, JobStore store, JobStatusReader reader, CancellationToken cancellationToken) =>
        await VisibleAsync(context, store, id, key, cancellationToken) is null ? ApiProblems.NotFound("job") : TypedResults.Ok(await reader.LossCurveAsync(id, cancellationToken));

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

    public static async Task<Results<FileContentHttpResult, FileStreamHttpResult, ProblemHttpResult>> Preview(
        Guid id, string? key, LiveJobs live, PictureStore pictures, JobStore store, HttpContext context, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (await VisibleAsync(context, store, id, key, cancellationToken) is null)
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
    /// The job when the asker may see it, or <paramref name="key"/> is its share link's; a private job of someone else's
    /// reads as missing, so its existence does not leak.
    /// </summary>
    private static async Task<JobEntity?> VisibleAsync(HttpContext context, JobStore store, Guid id, string? key, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } job && JobAccess.CanSee(job, context.Person(), key) ? job : null;

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Result(
        Guid id, string? key, HttpContext context, JobStore store, PictureStore pictures, CancellationToken cancellationToken) =>
        PictureAsync(context, store, pictures, id, key, PictureKind.Result, 0, cancellationToken);

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Thumbnail(
        Guid id, string? key, HttpContext context, JobStore store, PictureStore pictures, CancellationToken cancellationToken) =>
        PictureAsync(context, store, pictures, id, key, PictureKind.Thumbnail, 0, cancellationToken);

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Content(
        Guid id, string? key, HttpContext context, JobStore store, PictureStore pictures, CancellationToken cancellationToken) =>
        PictureAsync(context, store, pictures, id, key, PictureKind.Content, 0, cancellationToken);

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Sketch(
        Guid id, int index, string? key, HttpContext context, JobStore store, PictureStore pictures, CancellationToken cancellationToken) =>
        PictureAsync(context, store, pictures, id, key, PictureKind.Sketch, index, cancellationToken);

    public static Task<Results<FileStreamHttpResult, ProblemHttpResult>> Style(
        Guid id, int index, string? key, HttpContext context, JobStore store, PictureStore pictures, CancellationToken cancellationToken) =>
        PictureAsync(context, store, pictures, id, key, PictureKind.Style, index, cancellationToken);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> PictureAsync(
        HttpContext context, JobStore store, PictureStore pictures, Guid id, string? key, PictureKind kind, int index, CancellationToken cancellationToken)
    {
        if (index < 0 || await VisibleAsync(context, store, id, key, cancellationToken) is null || pictures.Open(id, kind, index) is not { } stream)
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
