using System.Net;
using System.Net.Http.Json;
using Bunit;
using NeuralStyle.Tests.Engine.Backbones;
using NeuralStyle.Tests.Engine.Models;
using NeuralStyle.Web.Apis;
using NeuralStyle.Web.Components.Pages;
using NeuralStyle.Web.Hosting;
using NeuralStyle.Web.Models;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// The Status page's weights panel and its API against a server of the tests' own on 127.0.0.1: the catalogue's
/// addresses are replaced through configuration, the files are a random VGG19 (which passes the load check) or bytes
/// that fail a checksum.
/// </summary>
public sealed class ModelsPanelTests(RandomVgg19Files files) : IClassFixture<RandomVgg19Files>
{
    private byte[] Vgg19Bytes => File.ReadAllBytes(files.Write("vgg_conv.pth", files.PaperStateDict()));

    [Fact]
    public async Task PanelShowsADownloadsProgressAReadableStallThenResumesToReady()
    {
        await using var server = new LocalModelServer(Vgg19Bytes);
        server.Plan(new RequestPlan(StallAfter: 1_000_000));
        // The stall must outlast a busy machine's delay in rendering the first progress, or the panel goes straight to "stalled".
        await using var app = new BunitApp(Sources("vgg19-authors", server.FileUri, readTimeoutSeconds: 10));
        var page = RenderOnTheServer(app);
        Assert.Contains("the original paper", page.Find("[data-testid=vgg19-why]").TextContent);
        Assert.Equal("missing", Model(page, "vgg19-authors").GetAttribute("data-state"));

        Model(page, "vgg19-authors").QuerySelector("[data-testid=download]")!.Click();

        await page.WaitForAssertionAsync(
            () =>
            {
                Assert.Equal("downloading", Model(page, "vgg19-authors").GetAttribute("data-state"));
                Assert.Contains($"Downloading: 1.0 MB of {server.Payload.Length / 1e6:0.0} MB", Model(page, "vgg19-authors").TextContent);
                Assert.NotNull(Model(page, "vgg19-authors").QuerySelector("[data-testid=model-progress]"));
            },
            TimeSpan.FromSeconds(10));
        await page.WaitForAssertionAsync(
            () => Assert.Contains("stalled", Model(page, "vgg19-authors").QuerySelector("[data-testid=model-error]")!.TextContent),
            TimeSpan.FromSeconds(30));
        Assert.Contains("Resume download", Model(page, "vgg19-authors").TextContent);

        Model(page, "vgg19-authors").QuerySelector("[data-testid=download]")!.Click();

        await page.WaitForAssertionAsync(
            () =>
            {
                Assert.Equal("ready", Model(page, "vgg19-authors").GetAttribute("data-state"));
                Assert.Contains("Ready:", Model(page, "vgg19-authors").TextContent);
            },
            TimeSpan.FromSeconds(60));
        Assert.Equal(["", "bytes=1000000-"], server.Ranges);
    }

    [Fact]
    public async Task AFileThatFailsItsChecksumShowsTheReadableFailure()
    {
        await using var server = new LocalModelServer(length: 300_000);
        await using var app = new BunitApp(Sources("vgg19-onnx", server.FileUri));
        var page = RenderOnTheServer(app);

        Model(page, "vgg19-onnx").QuerySelector("[data-testid=download]")!.Click();

        await page.WaitForAssertionAsync(
            () => Assert.Equal(
                "The download of vgg19-onnx does not match its checksum: the file was damaged or changed; it has been discarded. Try again.",
                Model(page, "vgg19-onnx").QuerySelector("[data-testid=model-error]")!.TextContent.Trim()),
            TimeSpan.FromSeconds(20));
        Assert.Equal("failed", Model(page, "vgg19-onnx").GetAttribute("data-state"));
        Assert.False(File.Exists(Path.Combine(app.Factory.DataFolder, "models", "vgg19-7.onnx")));
    }

    [Fact]
    public async Task AWeightsFileDownloadedThroughTheApiMakesVgg19ReadyWithoutARestart()
    {
        await using var server = new LocalModelServer(Vgg19Bytes);
        await using var factory = new StyleAppFactory(StyleAppFactory.NewDataFolder(), concurrency: 0, realEngine: true, settings: Sources("vgg19-authors", server.FileUri));
        // A request from the server's own machine, which is who may start a download on a server without sign-in.
        using var client = new HttpClient { BaseAddress = LocalServer.Start(factory) };
        var before = await client.GetFromJsonAsync<ModelList>("/api/models", ApiClient.Json);
        Assert.False(before!.Models.Single(m => m.Name == "vgg19").Ready);

        var started = await client.PostAsync("/api/models/weights/vgg19-authors/download", null);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        ModelDownloadStatus status;
        do
        {
            await Task.Delay(100);
            status = (await client.GetFromJsonAsync<List<ModelDownloadStatus>>("/api/models/weights", ApiClient.Json))!.Single(m => m.Name == "vgg19-authors");
        }
        while (status.State == ModelState.Downloading && DateTime.UtcNow < deadline);

        Assert.Equal(ModelState.Ready, status.State);
        Assert.Equal(server.Payload.Length, status.BytesSoFar);
        var after = await client.GetFromJsonAsync<ModelList>("/api/models", ApiClient.Json);
        Assert.True(after!.Models.Single(m => m.Name == "vgg19").Ready);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/api/models/weights/vgg19-authors/download", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/models/weights/alexnet/download", null)).StatusCode);
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task WithoutSignInOnlyTheServerItselfMayStartADownloadAndAFailureSaysInWordsThatTheInternetIsOutOfReach()
    {
        // Port 9 (discard): nothing listens there, so the download fails at once without leaving the machine.
        await using var app = new BunitApp(Sources("vgg19-authors", new Uri("http://127.0.0.1:9/vgg_conv.pth")));
        var visitor = app.Context.Render<Status>(p => p.AddCascadingValue(new RequestOrigin(FromServerItself: false)));

        var refused = await app.Factory.CreateClient().PostAsync("/api/models/weights/vgg19-authors/download", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(visitor.FindAll("[data-testid=download]"));
        Assert.Contains("from this page opened on the server itself", visitor.Find("[data-testid=who-downloads]").TextContent);
        Assert.DoesNotContain("set its path", visitor.Markup);

        var onTheServer = RenderOnTheServer(app);
        Model(onTheServer, "vgg19-authors").QuerySelector("[data-testid=download]")!.Click();

        await onTheServer.WaitForAssertionAsync(
            () => Assert.StartsWith("This server cannot reach the internet, or 127.0.0.1 is not answering", Model(onTheServer, "vgg19-authors").QuerySelector("[data-testid=model-error]")!.TextContent.Trim()),
            TimeSpan.FromSeconds(20));
        var detail = Model(onTheServer, "vgg19-authors").QuerySelector("details[data-testid=model-error-detail]")!;
        Assert.Equal("Details", detail.QuerySelector("summary")!.TextContent);
        Assert.Contains("could not start", detail.TextContent);
    }

    private static IRenderedComponent<Status> RenderOnTheServer(BunitApp app) =>
        app.Context.Render<Status>(p => p.AddCascadingValue(new RequestOrigin(FromServerItself: true)));

    private static Dictionary<string, string> Sources(string model, Uri url, int readTimeoutSeconds = 60) => new()
    {
        [$"NeuralStyle:Models:Sources:{model}"] = url.ToString(),
        ["NeuralStyle:Models:ReadTimeoutSeconds"] = readTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static AngleSharp.Dom.IElement Model(IRenderedComponent<Status> page, string name) => page.Find($"[data-model={name}]");
}
