using System.Text;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// <c>POST /api/jobs</c> with bodies the server cannot take, sent over a real socket to Kestrel on 127.0.0.1: each is
/// refused with its own status and a ProblemDetails sentence, never a 500.
/// </summary>
public sealed class RequestBodyTests : IDisposable
{
    private const string Form = "Content-Type: multipart/form-data; boundary=b";
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder(), concurrency: 0);
    private readonly Uri server;

    public RequestBodyTests() => server = LocalServer.Start(factory);

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task AnAnnouncedLengthOfTwoGigabytesIsRefusedAsTooLarge()
    {
        var answer = await SubmitAsync([Form, "Content-Length: 2000000000"], (stream, stop) => stream.WriteAsync("--b\r\n"u8.ToArray(), stop).AsTask());

        AssertProblem(answer, 413, "Request too large.", "The request is larger than this server takes (101 MB): a content picture and up to 4 style pictures of up to 20 MB each");
    }

    [Fact]
    public async Task ARealTwoHundredMegabyteBodyIsRefusedAsTooLarge()
    {
        var start = Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"content\"; filename=\"huge.png\"\r\n\r\n");
        var answer = await SubmitAsync([Form, "Transfer-Encoding: chunked"], (stream, stop) => RawHttp.WriteChunkedAsync(stream, start, 200_000_000, 1 << 20, stop));

        AssertProblem(answer, 413, "Request too large.", "The request is larger than this server takes");
    }

    [Fact]
    public async Task ABodyThatStopsShortOfItsLengthOrTricklesInIsRefusedAsTooSlow()
    {
        var stalled = SubmitAsync([Form, "Content-Length: 40000000"], (stream, stop) => stream.WriteAsync(new byte[60], stop).AsTask());
        var trickled = SubmitAsync([Form, "Content-Length: 1000"], async (stream, stop) =>
        {
            while (!stop.IsCancellationRequested)
            {
                await stream.WriteAsync("x"u8.ToArray(), stop);
                await Task.Delay(100, stop);
            }
        });

        foreach (var answer in await Task.WhenAll(stalled, trickled))
        {
            AssertProblem(answer, 408, "Request too slow.", "The request body arrived too slowly, or stopped arriving");
        }
    }

    [Fact]
    public async Task AMalformedChunkSizeIsRefusedAsABadRequest()
    {
        var answer = await SubmitAsync([Form, "Transfer-Encoding: chunked"], (stream, stop) => stream.WriteAsync("zz\r\nhello\r\n0\r\n\r\n"u8.ToArray(), stop).AsTask());

        AssertProblem(answer, 400, "Request body unreadable.", "The request body could not be read (");
    }

    [Fact]
    public async Task AMultipartFormCutShortIsRefusedAsABadRequest()
    {
        var cut = Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"size\"\r\n\r\n32\r\n--b\r\nContent-Disposition: form-data; name=\"content\"; filename=\"a.png\"\r\n\r\nabc");
        var answer = await SubmitAsync([Form, $"Content-Length: {cut.Length}"], (stream, stop) => stream.WriteAsync(cut, stop).AsTask());

        AssertProblem(answer, 400, "The form could not be read.", "The multipart form is malformed or cut short (");
    }

    private Task<RawResponse> SubmitAsync(string[] headers, Func<Stream, CancellationToken, Task> body) =>
        RawHttp.SendAsync(server, "POST", "/api/jobs", headers, body, TimeSpan.FromSeconds(30));

    private static void AssertProblem(RawResponse answer, int status, string title, string detailStart)
    {
        Assert.True(answer.Status == status, $"Expected {status}, got {answer.Status}: {answer.Body}");
        Assert.StartsWith("application/problem+json", answer.Headers["Content-Type"]);
        Assert.Equal(status, answer.Json.GetProperty("status").GetInt32());
        Assert.Equal(title, answer.Json.GetProperty("title").GetString());
        Assert.StartsWith(detailStart, answer.Json.GetProperty("detail").GetString());
        Assert.True(answer.Json.TryGetProperty("type", out _), $"The {status} answer has no type: {answer.Body}");
    }
}
