using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Components.Pages;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Tests.Web;

/// <summary>The Create page's colour, brush size and blend controls, and restoring settings from a result's recipe.</summary>
public sealed class CreatePageControlsTests : IAsyncLifetime
{
    private const string Cat = "button[aria-label='Chelsea the cat']";
    private const string StarryNight = "button[aria-label='The Starry Night (Vincent van Gogh, 1889)']";
    private const string Tissue = "button[aria-label='Stained tissue under the microscope']";

    private static readonly StyleSettings Unusual = new()
    {
        Size = 40,
        Iterations = 3,
        ContentWeight = 2,
        StyleWeight = 3e4,
        TvWeight = 1e-3,
        Optimizer = OptimizerKind.Adam,
        Init = InitKind.Style,
        Seed = 4242,
        Pooling = PoolingKind.Max,
        PreviewEvery = 1,
        ContentLayers = ["relu3_1"],
        StyleLayers = [new LayerWeight("relu1_1", 0.25), new LayerWeight("relu2_1", 0.75)],
        Colour = ColourMode.MatchStyleToPhoto,
        StyleBlend = [3, 1],
        StyleScale = 0.5,
        CoarseToFineAbove = 32,
        StageIterations = 2,
    };

    private readonly BunitApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public void AdvancedPanelOffersColoursBrushSizeAndABlendWeightOnceThereAreTwoStyles()
    {
        var page = Render();
        UseSamples(page, 1, StarryNight);
        OpenAdvanced(page);

        Assert.Equal(4, page.FindAll("[data-testid^=colour-]").Count);
        Assert.Contains("Keep the photo's colours: the style changes light and texture only.", page.Find("[data-testid=colour-luminance]").TextContent);
        Assert.NotNull(page.Find("[data-testid=style-scale] input"));
        Assert.Contains("Larger paints bigger brush strokes", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=blend]"));

        UseSamples(page, 2, Tissue);

        var weights = page.FindAll("[data-testid=blend]");
        Assert.Equal(2, weights.Count);
        Assert.Equal("1", weights[0].QuerySelector("input")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ChosenColourBrushSizeAndBlendReachTheRunningJob()
    {
        var page = Render();
        UseSamples(page, 2, Cat, StarryNight, Tissue);
        OpenAdvanced(page);

        page.Find("[data-testid=colour-luminance] input").Click();
        page.Find("[data-testid=style-scale] input").Input("2.5");
        page.FindAll("[data-testid=blend] input")[1].Change("3");
        Size(page, 40);
        var id = await StartAsync(page);

        var settings = JobStore.SettingsOf((await app.Factory.Services.GetRequiredService<JobStore>().FindAsync(id))!);
        Assert.Equal(ColourMode.Luminance, settings.Colour);
        Assert.Equal(2.5, settings.StyleScale);
        Assert.Equal([1.0, 3.0], settings.StyleBlend!);
        var ran = await RanAsync(id);
        Assert.Equal(ColourMode.Luminance, ran.Colour);
        Assert.Equal(2.5, ran.StyleScale);
        Assert.Equal([1.0, 3.0], ran.StyleBlend!);
    }

    [Fact]
    public async Task DroppingAResultPictureRestoresEverySettingFromItsRecipe()
    {
        var page = Render();
        var recipe = StyleRecipe.For(Unusual, "resnet18", null);
        var result = ImageEncoder.EncodePng(new RgbImage(4, 3, new byte[4 * 3 * 3]), recipe.ToPngText());

        RecipeInput(page).UploadFiles(InputFileContent.CreateFromBinary(result, "neuralstyle-result.png"));

        await page.WaitForAssertionAsync(() => Assert.StartsWith(
            "Settings restored from this picture's recipe. It mixed 2 style pictures: add them again in the same order",
            page.Find("[data-testid=recipe-message]").TextContent.Trim()));
        UseSamples(page, 2, Cat, StarryNight, Tissue);
        var id = await StartAsync(page);

        var submitted = JobStore.SettingsOf((await app.Factory.Services.GetRequiredService<JobStore>().FindAsync(id))!);
        Assert.Equal(JobStore.Serialize(JobSettings.From(Unusual)), JobStore.Serialize(submitted));
        var ran = await RanAsync(id);
        Assert.Equal(ColourMode.MatchStyleToPhoto, ran.Colour);
        Assert.Equal(0.5, ran.StyleScale);
        Assert.Equal(4242, ran.Seed);
    }

    [Fact]
    public async Task AResultPictureDroppedAsTheContentOffersToRestoreItsSettings()
    {
        var page = Render();
        var result = ImageEncoder.EncodePng(new RgbImage(40, 30, new byte[40 * 30 * 3]), StyleRecipe.For(Unusual, "resnet18", null).ToPngText());

        page.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(result, "earlier-result.png"));
        await page.WaitForAssertionAsync(() => Assert.Contains("'earlier-result.png' was made by NeuralStyle", page.Find("[data-testid=recipe-offer]").TextContent));
        Assert.NotNull(page.Find("[data-testid=content-preview]"));

        page.Find("[data-testid=restore-offered]").Click();

        Assert.Empty(page.FindAll("[data-testid=recipe-offer]"));
        Assert.StartsWith("Settings restored from this picture's recipe.", page.Find("[data-testid=recipe-message]").TextContent.Trim());
        UseSamples(page, 2, StarryNight, Tissue);
        var id = await StartAsync(page);
        var submitted = JobStore.SettingsOf((await app.Factory.Services.GetRequiredService<JobStore>().FindAsync(id))!);
        Assert.Equal(JobStore.Serialize(JobSettings.From(Unusual)), JobStore.Serialize(submitted));
    }

    [Fact]
    public async Task APngWithoutARecipeOrNotAPictureIsExplained()
    {
        var page = Render();

        RecipeInput(page).UploadFiles(InputFileContent.CreateFromBinary(TestPictures.Png(8, 8, 0), "holiday.png"));
        await page.WaitForAssertionAsync(() => Assert.StartsWith("'holiday.png' carries no NeuralStyle recipe", page.Find("[data-testid=recipe-message]").TextContent.Trim()));

        RecipeInput(page).UploadFiles(InputFileContent.CreateFromText("hello", "notes.txt"));
        await page.WaitForAssertionAsync(() => Assert.StartsWith("'notes.txt': ", page.Find("[data-testid=recipe-message]").TextContent.Trim()));
    }

    [Fact]
    public async Task ARecipeFromANetworkThisServerCannotUseIsRestoredWithAWarning()
    {
        var page = Render();
        var recipe = StyleRecipe.For(Unusual with { StyleBlend = null }, "vgg19", null);

        RecipeInput(page).UploadFiles(InputFileContent.CreateFromBinary(ImageEncoder.EncodePng(new RgbImage(2, 2, new byte[12]), recipe.ToPngText()), "vgg.png"));

        await page.WaitForAssertionAsync(() => Assert.Equal(
            "Settings restored from this picture's recipe. It was made with the network 'vgg19', which this server cannot use (its weights are not on this server yet): choose another under Network.",
            page.Find("[data-testid=recipe-message]").TextContent.Trim()));
    }

    [Fact]
    public async Task GalleryDetailShowsTheControlsAndItsLinkOpensCreateWithThemInSomeoneElsesBrowser()
    {
        var submitter = app.Factory.Services.GetRequiredService<JobSubmitter>();
        var chosen = JobSettings.From(Unusual) with { Colour = ColourMode.OriginalColours, StyleScale = 2 };
        var earlier = (await submitter.SubmitAsync(
            new Owner("alice"),
            chosen,
            new UploadedPicture("photo.png", () => new MemoryStream(TestPictures.Png(40, 30, 0))),
            [new UploadedPicture("a.png", () => new MemoryStream(TestPictures.Png(16, 16, 10))), new UploadedPicture("b.png", () => new MemoryStream(TestPictures.Png(16, 16, 250)))],
            isPrivate: false)).JobId!.Value;
        await app.Factory.CreateClient().WaitUntilFinishedAsync(earlier);
        var detail = app.Context.Render<GalleryItem>(p => p.Add(c => c.Id, earlier).AddCascadingValue(new Owner("alice")));
        Assert.Equal("Photo's colours put back afterwards", detail.Find("[data-testid=colour]").TextContent);
        Assert.Equal("×2", detail.Find("[data-testid=style-scale]").TextContent);
        Assert.Equal("3 : 1", detail.Find("[data-testid=style-blend]").TextContent);
        Assert.Contains($"/create?from={earlier}", detail.Find("[data-testid=share]").TextContent);
        var link = detail.Find("[data-testid=reuse]").GetAttribute("href")!;
        app.Context.Services.GetRequiredService<NavigationManager>().NavigateTo(link);

        var page = Render("bob");
        var id = await StartAsync(page);

        Assert.NotEqual(earlier, id);
        var again = JobStore.SettingsOf((await app.Factory.Services.GetRequiredService<JobStore>().FindAsync(id))!);
        Assert.Equal(JobStore.Serialize(chosen), JobStore.Serialize(again));
        Assert.Equal("bob", (await app.Factory.Services.GetRequiredService<JobStore>().FindAsync(id))!.OwnerId);
    }

    private IRenderedComponent<Create> Render(string owner = "alice") => app.Context.Render<Create>(p => p.AddCascadingValue(new Owner(owner)));

    /// <summary>Clicks bundled samples and waits until the page shows <paramref name="styles"/> style pictures.</summary>
    private static void UseSamples(IRenderedComponent<Create> page, int styles, params string[] samples)
    {
        foreach (var sample in samples)
        {
            page.Find(sample).Click();
        }

        page.WaitForAssertion(() =>
        {
            Assert.Equal(styles, page.FindAll("[data-testid=style-preview]").Count);
            if (samples.Contains(Cat))
            {
                Assert.Single(page.FindAll("[data-testid=content-preview]"));
            }
        });
    }

    private static IRenderedComponent<InputFile> RecipeInput(IRenderedComponent<Create> page) =>
        page.FindComponents<InputFile>().Single(f => f.Instance.AdditionalAttributes?["data-testid"] as string == "recipe-input");

    private static void OpenAdvanced(IRenderedComponent<Create> page) => page.Find(".mud-expand-panel-header").Click();

    private static void Size(IRenderedComponent<Create> page, int size) =>
        page.FindComponents<MudNumericField<int>>().Single(f => f.Instance.Label == "Output size (pixels)").Find("input").Change(size.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<Guid> StartAsync(IRenderedComponent<Create> page)
    {
        var navigation = app.Context.Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;
        await page.Find("[data-testid=start]").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Matches("/jobs/[0-9a-f-]{36}$", navigation.Uri));
        Assert.NotEqual(before, navigation.Uri);
        return Guid.Parse(navigation.Uri[^36..]);
    }

    private async Task<StyleSettings> RanAsync(Guid id)
    {
        Assert.Equal(JobState.Succeeded, (await app.FinishedAsync(id)).State);
        return app.Factory.Scripted.LastSettings!;
    }
}
