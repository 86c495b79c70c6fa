using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Engine;

namespace NeuralStyle.Tests.Web;

/// <summary>The web application on a temporary data folder with a scripted engine, or with the real torch engine.</summary>
public sealed class StyleAppFactory(string dataFolder, int concurrency = 1, bool realEngine = false, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public ScriptedStyleEngine Scripted { get; } = new();

    public string DataFolder => dataFolder;

    public static string NewDataFolder() => Directory.CreateTempSubdirectory("neuralstyle-web-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("NeuralStyle:Storage:DataFolder", dataFolder);
        builder.UseSetting("NeuralStyle:Jobs:Concurrency", concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("NeuralStyle:Jobs:PreviewIntervalMs", "0");
        // Tests submit and poll far faster than a person; LimitsTests set the limits they exercise.
        builder.UseSetting("NeuralStyle:Limits:SubmissionsPerMinute", "100000");
        builder.UseSetting("NeuralStyle:Limits:RequestsPerMinute", "1000000");
        builder.UseSetting("NeuralStyle:Limits:WaitingJobsPerPerson", "10000");
        builder.UseSetting("NeuralStyle:Limits:SignInAttemptsPerMinute", "10000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (!realEngine)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<IStyleEngine>(Scripted));
        }
    }
}
