namespace NeuralStyle.Tests.Web;

/// <summary>Headers that keep browsers from sniffing types, framing the site, or leaking its addresses.</summary>
public sealed class SecurityHeadersTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder(), concurrency: 0);

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/gallery")]
    [InlineData("/api/models")]
    [InlineData("/app.css")]
    public async Task PagesApiAndFilesCarryTheSecureHeaders(string address)
    {
        var response = await factory.CreateClient().GetAsync(address);

        Assert.True(response.IsSuccessStatusCode, address);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [Fact]
    public async Task StrictTransportSecurityIsSentOverHttpsOnly()
    {
        var plain = await factory.CreateClient(new() { BaseAddress = new Uri("http://neuralstyle.test") }).GetAsync("/api/models");
        var secure = await factory.CreateClient(new() { BaseAddress = new Uri("https://neuralstyle.test") }).GetAsync("/api/models");

        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.StartsWith("max-age=", secure.Headers.GetValues("Strict-Transport-Security").Single());
    }
}
