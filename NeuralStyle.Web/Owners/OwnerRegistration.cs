using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using NeuralStyle.Web.Data;

namespace NeuralStyle.Web.Owners;

public static class OwnerRegistration
{
    /// <summary>
    /// The keys that protect the owner and sign-in cookies live in the data folder (<c>keys/</c>), so the cookies this
    /// server issued stay valid across restarts and a server's cookies mean nothing to another with its own folder.
    /// </summary>
    public static IHostApplicationBuilder AddNeuralStyleOwners(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("NeuralStyle");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<DataFolder, ILoggerFactory>((options, folder, logs) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder.Keys), logs));
        return builder;
    }
}
