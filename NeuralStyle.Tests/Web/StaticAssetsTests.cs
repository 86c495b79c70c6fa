using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// Started as people start it (`dotnet run -c Release`, environment Production), the page must still get its styles and
/// its live connection; the other web tests run in Development, where these are wired anyway.
/// </summary>
public sealed class StaticAssetsTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/samples/starry-night.jpg")]
    public async Task PackageAssetsAreServedInProduction(string path)
    {
        using var production = factory.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        var response = await production.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
