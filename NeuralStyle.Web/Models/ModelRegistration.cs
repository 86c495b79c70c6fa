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
            FolderIn(services.GetRequiredService<DataFolder>().Root, services.GetRequiredService<IOptions<ModelOptions>>().Value)));
        builder.Services.AddSingleton<ModelDownloads>();
        return builder;
    }

    /// <summary>The models folder of a server whose data folder is <paramref name="dataFolder"/>.</summary>
    public static string FolderIn(string dataFolder, ModelOptions options) => Path.GetFullPath(Path.Combine(dataFolder, options.Folder));

    /// <summary>
    /// The models folder the web application started here would use, read from the same configuration
    /// (appsettings.json in the current folder, its environment's file, <c>NeuralStyle__...</c> environment variables),
    /// so that the <c>models</c> verb and the Status page fill the same folder.
    /// </summary>
    public static string ConfiguredFolder()
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        var storage = host.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var models = host.Configuration.GetSection(ModelOptions.Section).Get<ModelOptions>() ?? new ModelOptions();
        return FolderIn(DataFolder.Resolve(host.Environment.ContentRootPath, storage), models);
    }
}
