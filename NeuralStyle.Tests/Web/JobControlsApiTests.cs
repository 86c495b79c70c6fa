using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Tests.Web;

/// <summary>The controls beyond the paper (colour, blend, style scale, coarse to fine) through <c>POST /api/jobs</c>.</summary>
public sealed class JobControlsApiTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task ColourBlendAndStyleScaleAreStoredAndReachTheRun()
    {
        var client = factory.CreateClient();
        var form = TestPictures.JobForm(
            new Dictionary<string, string>
            {
                ["size"] = "32",
                ["iterations"] = "4",
                ["colour"] = "luminance",
                ["styleBlend"] = "3, 1",
                ["styleScale"] = "0.5",
                ["coarseToFineAbove"] = "0",
                ["stageIterations"] = "7",
            },
            null,
            TestPictures.Png(16, 16, 10),
            TestPictures.Png(16, 16, 250));

        var created = await client.SubmitAsync(form);
        var status = await client.WaitUntilFinishedAsync(created.Id);

        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Equal(ColourMode.Luminance, status.Settings.Colour);
        Assert.Equal([3.0, 1.0], status.Settings.StyleBlend!);
        Assert.Equal(0.5, status.Settings.StyleScale);
        Assert.Equal(0, status.Settings.CoarseToFineAbove);
        Assert.Equal(7, status.Settings.StageIterations);
        var ran = factory.Scripted.LastSettings!;
        Assert.Equal(ColourMode.Luminance, ran.Colour);
        Assert.Equal([3.0, 1.0], ran.StyleBlend!);
        Assert.Equal(0.5, ran.StyleScale);
        Assert.Equal(0, ran.CoarseToFineAbove);
        Assert.Equal(7, ran.StageIterations);
        var recipe = StyleRecipe.FromPngText(ImageEncoder.ReadPngText(new MemoryStream(await client.GetByteArrayAsync(status.ResultUrl))))!;
        Assert.Equal(ColourMode.Luminance, recipe.Settings.Colour);
        Assert.Equal(0.5, recipe.Settings.StyleScale);
    }

    [Fact]
    public async Task StatusJsonNamesTheColourModeInWords()
    {
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "2", ["colour"] = "match" }));

        var json = await client.GetStringAsync(created.Url);

        Assert.Contains("\"colour\":\"matchStyleToPhoto\"", json);
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheNewFields()
    {
        var document = await factory.CreateClient().GetStringAsync("/openapi/v1.json");

        foreach (var field in new[] { "colour", "styleBlend", "styleScale", "coarseToFineAbove", "stageIterations" })
        {
            Assert.Contains($"\"{field}\"", document);
        }
    }

    [Theory]
    [InlineData("style", ColourMode.Style)]
    [InlineData("Luminance", ColourMode.Luminance)]
    [InlineData("match", ColourMode.MatchStyleToPhoto)]
    [InlineData("matchStyleToPhoto", ColourMode.MatchStyleToPhoto)]
    [InlineData("original", ColourMode.OriginalColours)]
    public void ColourIsReadFromItsShortOrFullName(string text, ColourMode mode)
    {
        var (settings, errors) = Parse(("colour", [text]));

        Assert.Empty(errors);
        Assert.Equal(mode, settings.Colour);
    }

    [Fact]
    public void BlendWeightsMayBeRepeatedFieldsOrCommaSeparated()
    {
        Assert.Equal([2.0, 1.0, 0.5], Parse(("styleBlend", ["2", "1", "0.5"])).Settings.StyleBlend!);
        Assert.Equal([2.0, 1.0, 0.5], Parse(("styleBlend", ["2,1", "0.5"])).Settings.StyleBlend!);
        Assert.Null(Parse().Settings.StyleBlend);
    }

    [Fact]
    public void WithoutTheNewFieldsAJobKeepsThePapersLook()
    {
        var (settings, errors) = Parse();

        Assert.Empty(errors);
        Assert.Equal(ColourMode.Style, settings.Colour);
        Assert.Equal(1, settings.StyleScale);
        Assert.Equal(1024, settings.CoarseToFineAbove);
        Assert.Null(settings.StageIterations);
    }

    [Fact]
    public async Task BadValuesAreEachRefusedWithTheReason()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string>
        {
            ["colour"] = "sepia",
            ["styleScale"] = "9",
            ["coarseToFineAbove"] = "-5",
            ["stageIterations"] = "0",
            ["styleBlend"] = "1,lots",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("'sepia' is not one of: style, luminance, match, original.", errors["colour"].Single());
        Assert.Equal("The brush size (style scale) must be a number from 0.1 to 4; 1 sees the style picture at the output's size.", errors["styleScale"].Single());
        Assert.Equal("The coarse-to-fine threshold cannot be negative (0 makes every picture in one stage).", errors["coarseToFineAbove"].Single());
        Assert.Equal("The iterations per coarse stage must be between 1 and 2000.", errors["stageIterations"].Single());
        Assert.Equal("'lots' is not a number: give one blend weight per style picture, like 2,1.", errors["styleBlend"].Single());
    }

    [Theory]
    [InlineData("1,2,3", 2, "Give one blend weight per style picture: 2 pictures, 3 weights.")]
    [InlineData("1,2", 1, "Give one blend weight per style picture: 1 picture, 2 weights.")]
    [InlineData("0,0", 2, "Blend weights must be numbers of at least 0, and not all 0.")]
    [InlineData("1,-1", 2, "Blend weights must be numbers of at least 0, and not all 0.")]
    public async Task ABlendThatDoesNotFitThePicturesIsRefused(string blend, int styles, string message)
    {
        var client = factory.CreateClient();
        var pictures = Enumerable.Range(0, styles).Select(i => TestPictures.Png(16, 16, (byte)(i * 100))).ToArray();

        var response = await client.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string> { ["styleBlend"] = blend }, null, pictures));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal(message, errors["styleBlend"].Single());
    }

    [Fact]
    public void SettingsFromARecipeComeBackUnchanged()
    {
        var ran = new StyleSettings
        {
            Size = 300,
            Iterations = 40,
            ContentWeight = 2,
            StyleWeight = 3e4,
            TvWeight = 1e-3,
            Optimizer = OptimizerKind.Adam,
            Init = InitKind.Style,
            Seed = 99,
            Pooling = PoolingKind.Max,
            PreviewEvery = 5,
            ContentLayers = ["relu3_1"],
            StyleLayers = [new LayerWeight("relu1_1", 0.25), new LayerWeight("relu2_1", 0.75)],
            Colour = ColourMode.OriginalColours,
            StyleBlend = [1, 3],
            StyleScale = 1.5,
            CoarseToFineAbove = 200,
            StageIterations = 10,
        };

        var again = JobSettings.From(ran).ToStyleSettings();

        Assert.Equal(JobStore.Serialize(JobSettings.From(ran)), JobStore.Serialize(JobSettings.From(again)));
        Assert.Equal(ran.StyleLayers, again.StyleLayers);
        Assert.Equal(ran.ContentLayers, again.ContentLayers);
        Assert.Equal(ran.StyleBlend, again.StyleBlend);
        Assert.Equal(ran with { ContentLayers = null, StyleLayers = null, StyleBlend = null }, again with { ContentLayers = null, StyleLayers = null, StyleBlend = null });
    }

    private static (JobSettings Settings, Dictionary<string, string[]> Errors) Parse(params (string Name, string[] Values)[] fields)
    {
        var form = new Microsoft.AspNetCore.Http.FormCollection(fields.ToDictionary(f => f.Name, f => new Microsoft.Extensions.Primitives.StringValues(f.Values)));
        var errors = new Dictionary<string, string[]>();
        return (NeuralStyle.Web.Apis.JobSettingsForm.Parse(form, errors), errors);
    }
}
