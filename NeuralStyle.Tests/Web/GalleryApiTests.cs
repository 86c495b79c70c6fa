using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using NeuralStyle.Web.Apis;

namespace NeuralStyle.Tests.Web;

public sealed class GalleryApiTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task GalleryListsFinishedPicturesNewestFirstInPages()
    {
        var client = factory.CreateClient();
        var ids = new List<Guid>();
        foreach (var size in new[] { 20, 24, 28 })
        {
            var created = await client.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string> { ["size"] = $"{size}", ["iterations"] = "2" }));
            await client.WaitUntilFinishedAsync(created.Id);
            ids.Add(created.Id);
        }

        var first = await client.GetFromJsonAsync<GalleryPage>("/api/gallery?page=1&pageSize=2", ApiClient.Json);
        var second = await client.GetFromJsonAsync<GalleryPage>("/api/gallery?page=2&pageSize=2", ApiClient.Json);

        Assert.Equal(3, first!.Total);
        Assert.Equal([ids[2], ids[1]], first.Items.Select(i => i.Id));
        Assert.Equal([ids[0]], second!.Items.Select(i => i.Id));
        Assert.Equal(28, first.Items[0].Width);
        Assert.True(first.Items[0].YouOwnIt);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(first.Items[0].ThumbnailUrl)).StatusCode);
        // One worker thread, one engine session: its loaded backbone served all three jobs.
        Assert.Equal(1, factory.Scripted.SessionsOpened);
    }

    [Fact]
    public async Task OwnerDeletesAPictureAndItsFilesAreGone()
    {
        var client = factory.CreateClient();
        var created = await client.SubmitAsync(TestPictures.JobForm());
        await client.WaitUntilFinishedAsync(created.Id);

        var delete = await client.DeleteAsync($"/api/gallery/{created.Id}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<GalleryPage>("/api/gallery", ApiClient.Json))!.Total);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/jobs/{created.Id}/result")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(factory.DataFolder, "pictures", created.Id.ToString("N"))));
    }

    [Fact]
    public async Task OthersCannotDeleteAPicture()
    {
        var owner = factory.CreateClient();
        var created = await owner.SubmitAsync(TestPictures.PublicJobForm());
        await owner.WaitUntilFinishedAsync(created.Id);

        var delete = await factory.CreateClient().DeleteAsync($"/api/gallery/{created.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(1, (await owner.GetFromJsonAsync<GalleryPage>("/api/gallery", ApiClient.Json))!.Total);
    }

    [Fact]
    public async Task PageSizeOutOfRangeIsExplained()
    {
        var response = await factory.CreateClient().GetAsync("/api/gallery?page=0&pageSize=1000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("The page number is a whole number from 1; '0' is not.", errors["page"].Single());
        Assert.Equal("The page size is a whole number from 1 to 100; '1000' is not.", errors["pageSize"].Single());
    }

    [Fact]
    public async Task AMineThatIsNeitherTrueNorFalseIsExplained()
    {
        var response = await factory.CreateClient().GetAsync("/api/gallery?mine=yes");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Equal("Mine is true (only your pictures) or false (every picture you may see); 'yes' is neither.", errors["mine"].Single());
    }
}
