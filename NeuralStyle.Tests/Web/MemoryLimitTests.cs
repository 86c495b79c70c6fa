using System.Net;
using System.Net.Http.Json;
using Bunit;
using Microsoft.AspNetCore.Mvc;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Tests.Web.Cli;
using NeuralStyle.Web.Cli;
using NeuralStyle.Web.Components.Pages;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Tests.Web;

/// <summary>Sizes the server's memory cannot hold are refused before a run, with the size that fits.</summary>
public sealed class MemoryLimitTests : IAsyncLifetime
{
    private readonly BunitApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ASizeAboveWhatMemoryHoldsIsRefusedWithTheSizeThatFits()
    {
        app.Factory.Scripted.MemoryLimitSize = 200;
        var client = app.Factory.CreateClient();

        var refused = await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "300", ["iterations"] = "2" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["This picture is too large for this server's memory: the largest that fits is about 200 px."], problem!.Errors["size"]);
        var accepted = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "200", ["iterations"] = "2" }));
        Assert.NotEqual(Guid.Empty, accepted.Id);
    }

    [Fact]
    public void CreatePageShowsTheLargestSizeInTheSizeHint()
    {
        app.Factory.Scripted.MemoryLimitSize = 640;

        var page = app.Context.Render<Create>(p => p.AddCascadingValue(new Owner("alice")));

        page.WaitForAssertion(() => Assert.Contains("This server's memory holds up to about 640 px with this network.", page.Markup));
    }

    [Fact]
    public async Task StylizeRefusesASizeAboveTheMemoryItIsGivenAndNamesTheSizeThatFits()
    {
        var folder = Directory.CreateTempSubdirectory("stylize-memory-").FullName;
        try
        {
            var (code, _, stderr) = await CliRunner.Run(
                "stylize", "--content", Path.Combine(CliPictures.SamplesFolder, "chelsea.jpg"), "--style", Path.Combine(CliPictures.SamplesFolder, "starry-night.jpg"),
                "--out", Path.Combine(folder, "out.png"), "--size", "3000", "--iterations", "1", "--memory-mb", "600");

            Assert.Equal(1, code);
            using var backbone = ResNet18Backbone.LoadEmbedded();
            var profile = MemoryEstimate.Measure(backbone);
            var fits = MemoryEstimate.LargestSize(profile, new StyleSettings { Size = 3000, Iterations = 1 }, 451 / 300.0, 1, 600_000_000, StyleSettingsValidation.MaxSize);
            Assert.InRange(fits, 100, 2999);
            Assert.Equal($"This picture is too large for this server's memory: the largest that fits is about {fits} px. Try --size {fits}.", stderr.Trim());
            Assert.False(File.Exists(Path.Combine(folder, "out.png")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
