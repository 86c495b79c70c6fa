using Microsoft.Extensions.Options;

namespace NeuralStyle.Web.Data;

/// <summary>The resolved, existing data folder: <c>neuralstyle.db</c> and <c>pictures/</c> inside it.</summary>
public sealed class DataFolder
{
    public DataFolder(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        Root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.DataFolder));
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Pictures);
    }

    public string Root { get; }

    public string Database => Path.Combine(Root, "neuralstyle.db");

    public string Pictures => Path.Combine(Root, "pictures");
}
