using MudBlazor.Services;

namespace NeuralStyle.Web.Components;

public static class UiRegistration
{
    /// <summary>Blazor with interactive server rendering and MudBlazor.</summary>
    public static IHostApplicationBuilder AddNeuralStyleUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication MapNeuralStyleUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
