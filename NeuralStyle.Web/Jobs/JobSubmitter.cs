using Microsoft.Extensions.Options;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Limits;
using NeuralStyle.Web.Owners;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Jobs;

/// <summary>A picture as it arrives: a name for messages and a way to read it.</summary>
public sealed record UploadedPicture(string Name, Func<Stream> Open);

/// <summary>
/// The outcome of a submission: the new job's id, or errors keyed by field, each a readable sentence, or a refusal
/// that no change to the fields would mend: too many jobs waiting, or, with <paramref name="RetryAfter"/>, too many
/// started in a short time.
/// </summary>
public sealed record SubmitResult(Guid? JobId, Dictionary<string, string[]> Errors, string? Refusal = null, TimeSpan? RetryAfter = null)
{
    public bool Accepted => JobId is not null;
}

/// <summary>Checks, stores and queues a job; the REST API and the Create page both submit through here.</summary>
public sealed class JobSubmitter(
    JobSettingsValidator validator,
    PictureCodec codec,
    PictureStore pictures,
    JobStore store,
    JobQueue queue,
    JobNotifier notifier,
    IOptions<UploadOptions> uploads,
    WaitingJobsLimit waitingLimit,
    SubmissionRateLimiter rateLimiter,
    TimeProvider clock,
    ILogger<JobSubmitter> logger)
{
    public const string CouldNotStore = "Could not store the pictures: the data folder is read-only or full.";

    /// <param name="isPrivate">Only the owner and admins may then see the job and its pictures (the default: showing it to others is the owner's choice).</param>
    /// <param name="fieldErrors">What the caller already found wrong while reading the fields (a number that is not one):
    /// reported with the rest, and no job starts.</param>
    public async Task<SubmitResult> SubmitAsync(
        Owner owner,
        JobSettings settings,
        UploadedPicture? content,
        IReadOnlyList<UploadedPicture> styles,
        bool isPrivate = true,
        IReadOnlyDictionary<string, string[]>? fieldErrors = null,
        CancellationToken cancellationToken = default)
    {
        if (waitingLimit.Reserve(owner) is { } refusal)
        {
            return new SubmitResult(null, [], refusal);
        }

        SubmitResult? result = null;
        try
        {
            result = await StoreAndQueueAsync(owner, settings, content, styles, isPrivate, fieldErrors ?? new Dictionary<string, string[]>(), cancellationToken);
            return result;
        }
        finally
        {
            waitingLimit.Release(owner, result?.JobId);
        }
    }

    private async Task<SubmitResult> StoreAndQueueAsync(
        Owner owner,
        JobSettings settings,
        UploadedPicture? content,
        IReadOnlyList<UploadedPicture> styles,
        bool isPrivate,
        IReadOnlyDictionary<string, string[]> fieldErrors,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(fieldErrors);
        foreach (var (field, messages) in validator.Validate(settings, owner))
        {
            errors.TryAdd(field, messages);
        }

        if (content is null)
        {
            errors["content"] = ["Please add a content picture: the photo whose subject you want to keep."];
        }

        if (styles.Count == 0)
        {
            errors["style"] = ["Please add at least one style picture: the painting or texture whose look you want."];
        }
        else if (styles.Count > uploads.Value.MaxStylePictures)
        {
            errors["style"] = [$"Please use at most {uploads.Value.MaxStylePictures} style pictures."];
        }
        else if (JobSettingsValidator.CheckBlendCount(settings, styles.Count) is { } blendError)
        {
            errors.TryAdd("styleBlend", [blendError]);
        }

        var decodedContent = content is null ? null : Decode(content, "content", errors);
        var decodedStyles = styles.Take(uploads.Value.MaxStylePictures).Select(style => Decode(style, "style", errors)).ToList();
        if (errors.Count == 0 && validator.CheckMemory(settings, decodedContent!.Width, decodedContent.Height, decodedStyles.Count) is { } tooLarge)
        {
            errors["size"] = [tooLarge];
        }

        if (errors.Count > 0)
        {
            return new SubmitResult(null, errors);
        }

        // Counted only now, so that a submission with a mistake in it costs none of the allowance.
        if (rateLimiter.Refusal(owner) is { } tooFast)
        {
            return new SubmitResult(null, [], tooFast.Message, tooFast.RetryAfter);
        }

        var id = Guid.NewGuid();
        try
        {
            await pictures.SaveAsync(id, PictureKind.Content, 0, codec.Png(decodedContent!), cancellationToken);
            for (var i = 0; i < decodedStyles.Count; i++)
            {
                await pictures.SaveAsync(id, PictureKind.Style, i, codec.Png(decodedStyles[i]!), cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "The pictures of a new job could not be written to the data folder");
            return new SubmitResult(null, new() { ["storage"] = [CouldNotStore] });
        }

        // The row comes only after its pictures exist, so the worker never takes a job whose files were never written.
        await store.AddAsync(new JobEntity
        {
            Id = id,
            OwnerId = owner.Id,
            Private = isPrivate,
            State = JobState.Queued,
            CreatedAt = clock.GetUtcNow(),
            SettingsJson = JobStore.Serialize(settings),
            StyleCount = decodedStyles.Count,
            Iterations = JobSketches.TotalIterations(settings),
        }, cancellationToken);
        queue.Enqueue(id, owner.Id);
        notifier.Publish(new QueueChanged());
        return new SubmitResult(id, []);
    }

    private RgbImage? Decode(UploadedPicture picture, string field, Dictionary<string, string[]> errors)
    {
        if (errors.ContainsKey(field))
        {
            return null;
        }

        try
        {
            using var stream = picture.Open();
            return codec.Decode(stream);
        }
        catch (ImageRejectedException e)
        {
            errors[field] = [$"'{picture.Name}': {e.Message}"];
            return null;
        }
    }
}
