namespace NeuralStyle.Web.Engine;

public static class EngineRegistration
{
    public static IHostApplicationBuilder AddNeuralStyleEngine(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IStyleEngine, TorchStyleEngine>();
        return builder;
    }
}
