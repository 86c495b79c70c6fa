using MudBlazor.Services;

namespace NeuralStyle.Web.Components;

public static class UiRegistration
{
    /// <summary>Blazor with interactive server rendering and MudBlazor.</summary>
    public static WebApplicationBuilder AddNeuralStyleUi(this WebApplicationBuilder builder)
    {
        // Packages' assets (MudBlazor's CSS, blazor.web.js) are served from the build output's manifest outside
        // Development too, so `dotnet run -c Release` and a plain `dotnet NeuralStyle.Web.dll` show a styled, live page.
        // Published output carries the files themselves and has no manifest, which makes this a no-op there.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication MapNeuralStyleUi(this WebApplication app)
    {
        app.MapStaticAssets();
        // Blazor would add its own "frame-ancestors 'self'" policy as a second header; SecurityHeaders' policy already
        // forbids every frame ('none'), which also covers the compressed WebSocket that Blazor's policy protects.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
