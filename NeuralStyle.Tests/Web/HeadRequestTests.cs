namespace NeuralStyle.Tests.Web;

/// <summary>HEAD on every GET address answers as GET does, headers only, over a real socket to Kestrel on 127.0.0.1.</summary>
public sealed class HeadRequestTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());
    private readonly Uri server;

    public HeadRequestTests() => server = LocalServer.Start(factory);

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task HeadOnEveryKindOfGetAddressAnswersItsStatusAndTypeWithoutABody()
    {
        using var client = new HttpClient { BaseAddress = server };
        // Shown to everyone: the raw requests below carry no cookie.
        var created = await client.SubmitAsync(TestPictures.PublicJobForm());
        await client.WaitUntilFinishedAsync(created.Id);
        string[] addresses =
        [
            "/", "/gallery", $"/jobs/{created.Id}", "/api/gallery", "/api/models", "/api/jobs", "/openapi/v1.json", "/healthz",
            $"/api/jobs/{created.Id}", $"/api/jobs/{created.Id}/result", $"/api/jobs/{created.Id}/thumbnail",
        ];

        foreach (var address in addresses)
        {
            var get = await RawHttp.SendAsync(server, "GET", address, [], (_, _) => Task.CompletedTask, TimeSpan.FromSeconds(10));
            var head = await RawHttp.SendAsync(server, "HEAD", address, [], (_, _) => Task.CompletedTask, TimeSpan.FromSeconds(10));

            Assert.True(get.Status == 200, $"GET {address} answered {get.Status}.");
            Assert.True(head.Status == 200, $"HEAD {address} answered {head.Status}.");
            Assert.Equal(get.Headers["Content-Type"], head.Headers["Content-Type"]);
            Assert.True(head.Bytes.Length == 0, $"HEAD {address} sent a body.");
            Assert.True(get.Bytes.Length > 0, $"GET {address} sent no body.");
        }
    }
}
