using Microsoft.EntityFrameworkCore;

namespace NeuralStyle.Web.Data;

public static class DataRegistration
{
    /// <summary>SQLite in the data folder, migrated at start.</summary>
    public static IHostApplicationBuilder AddNeuralStyleData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DataFolder>();
        builder.Services.AddDbContextFactory<StyleDbContext>((services, options) =>
            options.UseSqlite($"Data Source={services.GetRequiredService<DataFolder>().Database}"));
        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }
}
