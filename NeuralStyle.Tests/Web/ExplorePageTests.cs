using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Components.Pages;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Tests.Web;

/// <summary>The explore grid on the Create and job pages (bUnit over the scripted engine).</summary>
public sealed class ExplorePageTests : IAsyncLifetime
{
    private readonly BunitApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task JobPageShowsTheVariantsSideBySideAsTheyAppearEachWithAPaintButton()
    {
        app.Factory.Scripted.IterationTime = TimeSpan.FromMilliseconds(30);
        var id = await Submit(new JobSettings { Kind = JobKind.Explore, ExploreAxis = ExploreAxis.ContentLayer, ExploreCount = 3, SketchSize = 24, SketchIterations = 6 });

        var page = app.Context.Render<Job>(p => p.Add(c => c.Id, id).AddCascadingValue(new Owner("alice")));

        Assert.Equal(3, page.FindAll("[data-testid=sketch]").Count);
        // Live: the first variant's picture and button come while the others are still on their way.
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=paint-sketch]")), TimeSpan.FromSeconds(20));
        await page.WaitForAssertionAsync(() => Assert.Equal(3, page.FindAll("[data-testid=paint-sketch]").Count), TimeSpan.FromSeconds(20));
        Assert.Equal(
            Enumerable.Range(0, 3).Select(i => $"/create?from={id}&sketch={i}"),
            page.FindAll("[data-testid=paint-sketch]").Select(b => b.GetAttribute("href")));
        Assert.Equal(
            ["The photo's detail from depth 2 of 5", "The photo's detail from depth 4 of 5", "The photo's detail from depth 5 of 5"],
            page.FindAll("[data-testid=sketch-title]").Select(t => t.TextContent.Trim()));
        Assert.Contains("Your quick versions", page.Markup);
    }

    [Fact]
    public async Task PaintingAVariantOpensCreateWithItsSettingsAtFullSize()
    {
        var id = await Submit(new JobSettings { Size = 96, Iterations = 40, Kind = JobKind.Explore, ExploreAxis = ExploreAxis.ContentLayer, ExploreCount = 3, SketchSize = 24, SketchIterations = 2 });
        await app.Factory.CreateClient().WaitUntilFinishedAsync(id);
        var navigation = app.Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/create?from={id}&sketch=2");

        var page = app.Context.Render<Create>(p => p.AddCascadingValue(new Owner("bob")));
        await page.Find("[data-testid=start]").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Matches("/jobs/[0-9a-f-]{36}$", navigation.Uri));
        var painted = JobStore.SettingsOf((await app.Factory.Services.GetRequiredService<JobStore>().FindAsync(Guid.Parse(navigation.Uri[^36..])))!);
        Assert.Equal((JobKind.Paint, 96, 40, "layer4"), (painted.Kind, painted.Size, painted.Iterations, painted.ContentLayers));
    }

    [Fact]
    public async Task ExploreAndNetworkViewButtonsSubmitTheirKindsOfJob()
    {
        var page = app.Context.Render<Create>(p => p.AddCascadingValue(new Owner("carol")));
        page.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(TestPictures.Png(40, 30, 0), "photo.png"));
        page.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>()[1].UploadFiles(InputFileContent.CreateFromBinary(TestPictures.Png(20, 20, 200), "painting.png"));
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=style-preview]")));
        var navigation = app.Context.Services.GetRequiredService<NavigationManager>();
        var store = app.Factory.Services.GetRequiredService<JobStore>();

        await page.Find("[data-testid=explore]").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Matches("/jobs/[0-9a-f-]{36}$", navigation.Uri));
        var exploreUri = navigation.Uri;
        await page.Find("[data-testid=network-view]").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.NotEqual(exploreUri, navigation.Uri));

        var explore = JobStore.SettingsOf((await store.FindAsync(Guid.Parse(exploreUri[^36..])))!);
        var view = JobStore.SettingsOf((await store.FindAsync(Guid.Parse(navigation.Uri[^36..])))!);
        Assert.Equal((JobKind.Explore, ExploreAxis.ContentStyleRatio, 4), (explore.Kind, explore.ExploreAxis, explore.ExploreCount));
        Assert.Equal(JobKind.NetworkView, view.Kind);
        Assert.Contains("what the network keeps of your pictures", page.Markup);
    }

    private async Task<Guid> Submit(JobSettings settings)
    {
        var submitter = app.Factory.Services.GetRequiredService<JobSubmitter>();
        var result = await submitter.SubmitAsync(
            new Owner("alice"),
            settings,
            new UploadedPicture("photo.png", () => new MemoryStream(TestPictures.Png(40, 30, 0))),
            [new UploadedPicture("painting.png", () => new MemoryStream(TestPictures.Png(16, 16, 200)))],
            isPrivate: false);
        Assert.True(result.Accepted, string.Join(" ", result.Errors.SelectMany(e => e.Value)));
        return result.JobId!.Value;
    }
}
