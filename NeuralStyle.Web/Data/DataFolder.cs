using Microsoft.Extensions.Options;

namespace NeuralStyle.Web.Data;

/// <summary>The resolved, existing data folder: <c>neuralstyle.db</c>, <c>pictures/</c> and <c>keys/</c> inside it.</summary>
public sealed class DataFolder
{
    public DataFolder(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        Root = Resolve(environment.ContentRootPath, options.Value);
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Pictures);
    }

    public string Root { get; }

    /// <summary>The data folder's full path, relative paths taken from <paramref name="contentRoot"/>.</summary>
    public static string Resolve(string contentRoot, StorageOptions options) => Path.GetFullPath(Path.Combine(contentRoot, options.DataFolder));

    public string Database => Path.Combine(Root, "neuralstyle.db");

    public string Pictures => Path.Combine(Root, "pictures");

    /// <summary>The Data Protection keys that sign this server's cookies (see OwnerRegistration); keep them private.</summary>
    public string Keys => Path.Combine(Root, "keys");
}
