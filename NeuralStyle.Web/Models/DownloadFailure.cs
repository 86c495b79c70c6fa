using System.Net.Http;
using System.Net.Sockets;
using NeuralStyle.Engine.Models;

namespace NeuralStyle.Web.Models;

/// <summary>A failed download told in words for the Status page, with the downloader's own account kept as the detail.</summary>
public static class DownloadFailure
{
    public static (string Summary, string? Detail) Explain(ModelDownloadException failure, DownloadableModel model)
    {
        var detail = failure.InnerException is { } inner ? $"{failure.Message} ({inner.GetType().Name}: {inner.Message})" : failure.Message;
        return Unreachable(failure)
            ? ($"This server cannot reach the internet, or {model.Url.Host} is not answering, so the file could not be downloaded. "
               + "Whoever runs the server can copy the file in by hand instead (the README's \"VGG19 weights\" says how).", detail)
            : (failure.Message, failure.InnerException is null ? null : detail);
    }

    /// <summary>The connection itself failed: no name lookup, no route, or nobody listening.</summary>
    private static bool Unreachable(Exception failure)
    {
        for (var e = failure.InnerException; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError } or SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
