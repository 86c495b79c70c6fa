using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NeuralStyle.Web.Components.Pages;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Tests.Web;

/// <summary>The pages' controls for private results: the switch on a gallery item and what others then see.</summary>
public sealed class PrivateToggleTests : IAsyncDisposable
{
    private readonly BunitApp app = new();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task TheOwnerFlipsTheSwitchAndTheItemDisappearsForOthersButNotForAnAdmin()
    {
        var submitted = await app.Factory.Services.GetRequiredService<JobSubmitter>().SubmitAsync(
            new Owner("alice"),
            new JobSettings { Size = 32, Iterations = 4 },
            new UploadedPicture("photo.png", () => new MemoryStream(TestPictures.Png(40, 30, 0))),
            [new UploadedPicture("painting.png", () => new MemoryStream(TestPictures.Png(16, 16, 200)))]);
        var id = submitted.JobId!.Value;
        await app.Factory.CreateClient().WaitUntilFinishedAsync(id);
        var mine = app.Context.Render<GalleryItem>(p => p.Add(c => c.Id, id).AddCascadingValue(new Owner("alice")));
        Assert.Empty(app.Context.Render<GalleryItem>(p => p.Add(c => c.Id, id).AddCascadingValue(new Owner("bob"))).FindAll("[data-testid=private]"));

        await mine.FindComponent<MudSwitch<bool>>().Find("input").ChangeAsync(new() { Value = true });

        Assert.True((await app.Factory.Services.GetRequiredService<JobStore>().FindAsync(id))!.Private);
        var theirs = app.Context.Render<GalleryItem>(p => p.Add(c => c.Id, id).AddCascadingValue(new Owner("bob")));
        Assert.Contains("not in the gallery", theirs.Markup);
        var gallery = app.Context.Render<Gallery>(p => p.AddCascadingValue(new Owner("bob")));
        Assert.Empty(gallery.FindAll("[data-testid=gallery-item]"));
        var admin = app.Context.Render<GalleryItem>(p => p.Add(c => c.Id, id).AddCascadingValue(new Owner("boss", "boss", IsAdmin: true)));
        Assert.NotNull(admin.Find("[data-testid=delete]"));
    }
}
