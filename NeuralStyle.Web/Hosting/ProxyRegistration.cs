using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace NeuralStyle.Web.Hosting;

public static class ProxyRegistration
{
    /// <summary>
    /// Behind a trusted proxy, the client's own address and scheme replace the proxy's, so the rate limiter counts
    /// each client apart and cookies are marked Secure when the client used HTTPS.
    /// </summary>
    public static IHostApplicationBuilder AddNeuralStyleProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var proxy = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults already trust loopback (127.0.0.0/8 and ::1); configured proxies come on top.
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(address, out var ip)
                    ? ip
                    : throw new InvalidOperationException($"{ProxyOptions.Section}:KnownProxies: '{address}' is not an IP address."));
            }

            foreach (var network in proxy.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{ProxyOptions.Section}:KnownNetworks: '{network}' is not a network like 10.0.0.0/24."));
            }
        });
        return builder;
    }
}
