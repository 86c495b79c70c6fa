using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Apis;

/// <summary>
/// A request body the server could not read (too large, too slow, cut short, badly framed) answered with its own status
/// and a sentence, rather than the 500 an unhandled exception would give: Kestrel reports these as
/// <see cref="BadHttpRequestException"/> to whichever code reads the body.
/// </summary>
internal sealed class RequestBodyProblems(IProblemDetailsService problems, IOptions<UploadOptions> uploads) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || context.Response.HasStarted)
        {
            return false;
        }

        var problem = Describe(bad, uploads.Value);
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails Describe(BadHttpRequestException exception, UploadOptions uploads) => exception.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = "Request too large.",
            Detail = $"The request is larger than this server takes ({Megabytes(PictureRegistration.RequestLimit(uploads))}): a content picture and up to " +
                $"{uploads.MaxStylePictures} style pictures of up to {Megabytes(uploads.MaxBytes)} each, with their settings.",
        },
        StatusCodes.Status408RequestTimeout => new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = "Request too slow.",
            Detail = "The request body arrived too slowly, or stopped arriving before its announced length, so the server stopped waiting: send it again in one go.",
        },
        _ => new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = "Request body unreadable.",
            Detail = $"The request body could not be read ({exception.Message.TrimEnd('.')}): check how it is framed (its Content-Length or chunked encoding) and send it again.",
        },
    };

    private static string Megabytes(long bytes) => $"{bytes / 1_000_000.0:0.#} MB";
}
