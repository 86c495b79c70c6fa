using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralStyle.Web.Hubs;

public static class HubRegistration
{
    public static IHostApplicationBuilder AddNeuralStyleHubs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR().AddJsonProtocol(options =>
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.AddSingleton<HubSubscribers>();
        builder.Services.AddHostedService<ProgressHubRelay>();
        return builder;
    }

    public static WebApplication MapNeuralStyleHubs(this WebApplication app)
    {
        app.MapHub<ProgressHub>(ProgressHub.Path);
        return app;
    }
}
