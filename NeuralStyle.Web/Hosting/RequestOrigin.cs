using System.Net;

namespace NeuralStyle.Web.Hosting;

/// <summary>
/// Whether a request came from the server's own machine (after the forwarded headers of a trusted proxy are applied).
/// Pages get it as a cascading value, read when the page was first served: a circuit has no request of its own later.
/// Behind a proxy on the same machine that sends no X-Forwarded-For, every visitor looks local.
/// </summary>
public sealed record RequestOrigin(bool FromServerItself)
{
    public static RequestOrigin Of(HttpContext context) => new(context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address));
}
