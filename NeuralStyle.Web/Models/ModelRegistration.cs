using Microsoft.Extensions.Options;
using NeuralStyle.Engine.Models;
using NeuralStyle.Web.Data;

namespace NeuralStyle.Web.Models;

public static class ModelRegistration
{
    /// <summary>The models folder (inside the data folder unless configured otherwise) and the background downloads into it.</summary>
    public static IHostApplicationBuilder AddNeuralStyleModels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new ModelLibrary(
            Path.Combine(services.GetRequiredService<DataFolder>().Root, services.GetRequiredService<IOptions<ModelOptions>>().Value.Folder)));
        builder.Services.AddSingleton<ModelDownloads>();
        return builder;
    }
}
