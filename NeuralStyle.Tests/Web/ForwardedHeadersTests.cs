using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace NeuralStyle.Tests.Web;

/// <summary>X-Forwarded-For and -Proto are believed from a configured proxy only.</summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private const string Proxy = "10.0.0.5";
    private const string Stranger = "198.51.100.7";
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder(), concurrency: 0, settings: new Dictionary<string, string>
    {
        ["NeuralStyle:Limits:RequestsPerMinute"] = "1",
        ["NeuralStyle:Proxy:KnownProxies:0"] = Proxy,
    });

    private readonly WebApplicationFactory<Program> app;

    public ForwardedHeadersTests() =>
        app = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddress>()));

    public void Dispose()
    {
        app.Dispose();
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task BehindATrustedProxyEachClientAddressIsCountedApart()
    {
        Assert.Equal(HttpStatusCode.OK, await GalleryAsync(Proxy, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await GalleryAsync(Proxy, "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GalleryAsync(Proxy, "203.0.113.1"));
    }

    [Fact]
    public async Task AnUntrustedSenderCannotChooseItsAddressToEscapeTheLimit()
    {
        Assert.Equal(HttpStatusCode.OK, await GalleryAsync(Stranger, "203.0.113.3"));

        Assert.Equal(HttpStatusCode.TooManyRequests, await GalleryAsync(Stranger, "203.0.113.4"));
    }

    [Fact]
    public async Task CookiesAreSecureWhenTheTrustedProxySaysTheClientUsedHttps()
    {
        Assert.Contains("secure", await OwnerCookieAsync(Proxy), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await OwnerCookieAsync(Stranger), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<HttpStatusCode> GalleryAsync(string peer, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/gallery");
        request.Headers.Add(PeerAddress.Header, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await Client().SendAsync(request)).StatusCode;
    }

    private async Task<string> OwnerCookieAsync(string peer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add(PeerAddress.Header, peer);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await Client().SendAsync(request);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ns-owner=", StringComparison.Ordinal));
    }

    /// <summary>Without cookies, so that the address is what a request is counted by.</summary>
    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    /// <summary>TestServer has no network peer: this sets the address the request came from, before the application sees it.</summary>
    private sealed class PeerAddress : IStartupFilter
    {
        public const string Header = "X-Test-Peer";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Header].ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
