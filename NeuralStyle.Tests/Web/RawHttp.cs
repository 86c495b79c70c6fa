using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace NeuralStyle.Tests.Web;

/// <summary>An answer read off the wire: its status line's code, its headers and its (de-chunked) body.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Bytes)
{
    public string Body => Encoding.UTF8.GetString(Bytes);

    public JsonElement Json => JsonDocument.Parse(Bytes).RootElement;
}

/// <summary>
/// Hand-made HTTP/1.1 over a plain socket, for requests no well-behaved client sends: a length that never arrives,
/// a body trickled a few bytes a second, a broken chunk size. The request asks the server to close the connection
/// after answering, so the answer is whatever arrives before it closes.
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, string method, string path, IEnumerable<string> headers, Func<Stream, CancellationToken, Task> body, TimeSpan timeout)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var head = $"{method} {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var stop = new CancellationTokenSource(timeout);
        // The server may answer (and close) before the body is all sent: writing then fails, and the answer is what counts.
        var sending = Task.Run(async () =>
        {
            try
            {
                await body(stream, stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        });

        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, stop.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer arrived (the server closed while our body was still coming).
        }

        await stop.CancelAsync();
        await sending;
        return Parse(received.ToArray());
    }

    /// <summary>
    /// Writes <paramref name="start"/>, then <paramref name="total"/> bytes of filler, as HTTP chunks of
    /// <paramref name="chunk"/> bytes each, then the last chunk.
    /// </summary>
    public static async Task WriteChunkedAsync(Stream stream, byte[] start, long total, int chunk, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{start.Length:x}\r\n"), cancellationToken);
        await stream.WriteAsync(start, cancellationToken);
        await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        var data = new byte[chunk];
        Array.Fill(data, (byte)'x');
        for (var sent = 0L; sent < total; sent += chunk)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk:x}\r\n"), cancellationToken);
            await stream.WriteAsync(data, cancellationToken);
            await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
    }

    private static RawResponse Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end > 0, $"No complete answer arrived: '{Encoding.UTF8.GetString(bytes)}'.");
        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p[1].Trim())), StringComparer.OrdinalIgnoreCase);
        var body = bytes[(end + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, body);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var body = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = at + chunked.AsSpan(at).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, at, lineEnd - at).Split(';')[0], 16);
            if (size == 0)
            {
                return body.ToArray();
            }

            body.Write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
