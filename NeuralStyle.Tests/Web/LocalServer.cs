using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NeuralStyle.Tests.Web;

/// <summary>The application on a real Kestrel at a free port of 127.0.0.1, for clients the in-memory test server cannot serve.</summary>
public static class LocalServer
{
    /// <summary>Starts <paramref name="factory"/> on Kestrel and answers its address, like <c>http://127.0.0.1:41234</c>.</summary>
    public static Uri Start(WebApplicationFactory<Program> factory)
    {
        var port = FreePort();
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return new Uri($"http://127.0.0.1:{port}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
