using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NeuralStyle.Engine.Models;

namespace NeuralStyle.Tests.Engine.Models;

/// <summary>How the server answers one request; requests beyond the planned ones get the whole file.</summary>
/// <param name="CloseAfter">Drop the connection after this many bytes of the body.</param>
/// <param name="StallAfter">Send this many bytes of the body, then nothing until the client gives up.</param>
public sealed record RequestPlan(long? CloseAfter = null, long? StallAfter = null);

/// <summary>
/// A Kestrel server of the tests' own on 127.0.0.1 (a free port) serving seeded random bytes at <c>/model.bin</c>,
/// honouring Range requests unless told not to, and misbehaving as planned. Every other path is a 404.
/// </summary>
public sealed class LocalModelServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RequestPlan> plans = new();

    public LocalModelServer(int length, int seed = 1606)
        : this(RandomBytes(length, seed))
    {
    }

    public LocalModelServer(byte[] payload)
    {
        Payload = payload;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Run(Serve);
        app.StartAsync().GetAwaiter().GetResult();
        BaseUri = new Uri(app.Urls.Single());
    }

    public byte[] Payload { get; }

    public string PayloadSha256 => Convert.ToHexStringLower(SHA256.HashData(Payload));

    public Uri BaseUri { get; }

    public Uri FileUri => new(BaseUri, "/model.bin");

    /// <summary>Whether Range headers are ignored (a plain 200 with the whole file), as some servers do.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>The Range header of every request, in order ("" where there was none).</summary>
    public ConcurrentQueue<string> Ranges { get; } = new();

    public void Plan(RequestPlan plan) => plans.Enqueue(plan);

    /// <summary>A catalogue entry for this server's file.</summary>
    public DownloadableModel Model(string fileName = "model.pth", string? sha256 = "", Uri? url = null) =>
        new("test-model", "Random bytes", url ?? FileUri, fileName, Payload.Length, sha256 == "" ? PayloadSha256 : sha256, "the tests");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private async Task Serve(HttpContext context)
    {
        var range = context.Request.Headers.Range.ToString();
        Ranges.Enqueue(range);
        if (context.Request.Path != "/model.bin")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var start = 0L;
        if (!IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (start >= Payload.Length)
            {
                context.Response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                return;
            }

            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = $"bytes {start}-{Payload.Length - 1}/{Payload.Length}";
        }

        context.Response.ContentLength = Payload.Length - start;
        var plan = plans.TryDequeue(out var next) ? next : new RequestPlan();
        var cut = plan.CloseAfter ?? plan.StallAfter;
        var body = Payload.AsMemory((int)start, (int)Math.Min(Payload.Length - start, cut ?? long.MaxValue));
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (plan.CloseAfter is not null)
        {
            // Give the client time to read what was sent before the connection goes.
            await Task.Delay(200);
            context.Abort();
        }
        else if (plan.StallAfter is not null)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
