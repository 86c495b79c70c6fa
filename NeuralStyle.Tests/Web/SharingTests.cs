using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NeuralStyle.Web.Components.Pages;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// A picture is its maker's alone until they choose otherwise: shown to everyone with the switch on its gallery page,
/// or to whoever has the link they make there.
/// </summary>
public sealed class SharingTests : IAsyncDisposable
{
    private readonly BunitApp app = new();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task AJobSentToTheApiWithoutAPrivacyFieldIsSeenByItsMakerAlone()
    {
        var maker = app.Factory.CreateClient();
        var stranger = app.Factory.CreateClient();
        var created = await maker.SubmitAsync(TestPictures.JobForm());
        await maker.WaitUntilFinishedAsync(created.Id);

        Assert.True((await maker.StatusAsync(created.Id)).Private);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/jobs/{created.Id}/result")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/jobs/{created.Id}/content")).StatusCode);
        Assert.DoesNotContain(created.Id.ToString(), await stranger.GetStringAsync("/api/gallery"));
    }

    [Fact]
    public async Task TheMakerShowsAPictureToEveryoneWithTheSwitchAndHidesItAgainButAnAdminAlwaysSeesIt()
    {
        var id = await FinishedAsync("alice");
        var mine = Item(id, new Owner("alice"));
        Assert.Contains("not in the gallery", Item(id, new Owner("bob")).Markup);
        Assert.Empty(Gallery(new Owner("bob")).FindAll("[data-testid=gallery-item]"));

        await mine.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Label == "Show it to everyone in the Gallery").Find("input").ChangeAsync(new() { Value = true });

        Assert.False((await Store.FindAsync(id))!.Private);
        Assert.Empty(Item(id, new Owner("bob")).FindAll("[data-testid=sharing]"));
        Assert.Single(Gallery(new Owner("bob")).FindAll("[data-testid=gallery-item]"));

        await mine.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Label == "Show it to everyone in the Gallery").Find("input").ChangeAsync(new() { Value = false });

        Assert.True((await Store.FindAsync(id))!.Private);
        Assert.Contains("not in the gallery", Item(id, new Owner("bob")).Markup);
        Assert.NotNull(Item(id, new Owner("boss", "boss", IsAdmin: true)).Find("[data-testid=delete]"));
    }

    [Fact]
    public async Task AShareLinkShowsAPrivatePictureToWhoeverHasItWithoutListingItAndStopsWhenWithdrawn()
    {
        var id = await FinishedAsync("alice");
        var mine = Item(id, new Owner("alice"));

        await mine.Find("[data-testid=make-link]").ClickAsync(new());

        var link = new Uri(mine.Find("input[data-testid=share-link]").GetAttribute("value")!);
        var key = System.Web.HttpUtility.ParseQueryString(link.Query)["key"]!;
        Assert.Equal($"/gallery/{id}", link.AbsolutePath);
        Assert.True((await Store.FindAsync(id))!.Private);
        var shared = Item(id, new Owner("bob"), key);
        Assert.NotNull(shared.Find("[data-testid=shared-with-you]"));
        Assert.Empty(shared.FindAll("[data-testid=reuse]"));
        Assert.Empty(shared.FindAll("[data-testid=delete]"));
        var stranger = app.Factory.CreateClient();
        var result = shared.Find("[data-testid=result]").GetAttribute("src")!;
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(result)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync($"/api/jobs/{id}/content?key={key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/jobs/{id}/content?key={new string('0', 32)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/jobs/{id}/content")).StatusCode);
        Assert.Empty(Gallery(new Owner("bob")).FindAll("[data-testid=gallery-item]"));

        await mine.Find("[data-testid=stop-sharing]").ClickAsync(new());

        Assert.Null((await Store.FindAsync(id))!.ShareKey);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(result)).StatusCode);
        Assert.Contains("not in the gallery", Item(id, new Owner("bob"), key).Markup);
    }

    private JobStore Store => app.Factory.Services.GetRequiredService<JobStore>();

    /// <summary>The picture's page as <paramref name="who"/> opens it, through the share link when there is a <paramref name="key"/>.</summary>
    private IRenderedComponent<GalleryItem> Item(Guid id, Owner who, string? key = null)
    {
        app.Context.Services.GetRequiredService<NavigationManager>().NavigateTo(key is null ? $"/gallery/{id}" : JobUrls.GalleryPage(id, key));
        var page = app.Context.Render<GalleryItem>(p => p.Add(c => c.Id, id).AddCascadingValue(who));
        page.WaitForState(() => !page.Markup.Contains("Loading…", StringComparison.Ordinal));
        return page;
    }

    private IRenderedComponent<Gallery> Gallery(Owner who) => app.Context.Render<Gallery>(p => p.AddCascadingValue(who));

    /// <summary>A finished job of <paramref name="owner"/>'s, submitted as the Create page does: private.</summary>
    private async Task<Guid> FinishedAsync(string owner)
    {
        var submitted = await app.Factory.Services.GetRequiredService<JobSubmitter>().SubmitAsync(
            new Owner(owner),
            new JobSettings { Size = 32, Iterations = 4 },
            new UploadedPicture("photo.png", () => new MemoryStream(TestPictures.Png(40, 30, 0))),
            [new UploadedPicture("painting.png", () => new MemoryStream(TestPictures.Png(16, 16, 200)))],
            isPrivate: true);
        var id = submitted.JobId!.Value;
        Assert.Equal(JobState.Succeeded, (await app.FinishedAsync(id)).State);
        return id;
    }
}
