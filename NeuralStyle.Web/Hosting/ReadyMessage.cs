using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace NeuralStyle.Web.Hosting;

/// <summary>Tells whoever started the server where to point a browser, once it listens.</summary>
public static class ReadyMessage
{
    public static void AnnounceAddressesWhenReady(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                // 0.0.0.0 and [::] mean "every interface": a browser on this machine reaches them as localhost.
                var local = address.Replace("0.0.0.0", "localhost").Replace("[::]", "localhost").Replace("://+", "://localhost");
                Console.WriteLine($"NeuralStyle is ready: open {local} in a browser.");
            }
        });
    }
}
