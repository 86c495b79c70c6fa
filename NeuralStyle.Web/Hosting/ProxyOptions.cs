namespace NeuralStyle.Web.Hosting;

/// <summary>
/// Configuration section <c>NeuralStyle:Proxy</c>: the reverse proxies (nginx, Caddy, a lab's gateway) whose
/// X-Forwarded-For and X-Forwarded-Proto are believed. By default only a proxy on this machine (loopback) is; headers
/// from anyone else are ignored, since a client could otherwise pick its own address and escape the rate limits.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "NeuralStyle:Proxy";

    /// <summary>Addresses of trusted proxies, like "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, like "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
