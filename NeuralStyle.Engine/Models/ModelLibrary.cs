using NeuralStyle.Engine.Backbones;

namespace NeuralStyle.Engine.Models;

/// <summary>
/// The models folder: what is installed there, and files brought in by hand (for servers without internet), checked
/// the way a download is before they are kept.
/// </summary>
/// <param name="folder">The models folder (need not exist yet).</param>
public sealed class ModelLibrary(string folder)
{
    private static readonly string[] WeightsExtensions = [".pth", ".pt", ".safetensors", ".onnx"];

    /// <summary>The models folder.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Where <paramref name="model"/> lives once installed.</summary>
    public string PathOf(DownloadableModel model) => Path.Combine(Folder, model.FileName);

    /// <summary>The first catalogue model installed here, the recommended one first; null when there is none.</summary>
    public string? FirstInstalled() => ModelCatalog.All.Select(PathOf).FirstOrDefault(File.Exists);

    /// <summary>The weights files and partial downloads in the folder, by name; none if the folder does not exist.</summary>
    public IReadOnlyList<InstalledModel> Installed()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        // A ".checking" file is a download being checked (or left by a crash during the check): not a model yet.
        return new DirectoryInfo(Folder).EnumerateFiles()
            .Where(f => !f.Name.Contains(".checking.", StringComparison.OrdinalIgnoreCase))
            .Select(f => f.Name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
                ? new InstalledModel(f.Name, f.FullName, f.Length, ModelCatalog.FindByFileName(f.Name[..^".part".Length]), IsPartial: true)
                : new InstalledModel(f.Name, f.FullName, f.Length, ModelCatalog.FindByFileName(f.Name), IsPartial: false))
            .Where(m => m.IsPartial || WeightsExtensions.Contains(Path.GetExtension(m.FileName).ToLowerInvariant()))
            .OrderBy(m => m.FileName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Copies <paramref name="sourceFile"/> into the folder after checking that it loads as VGG19 and, where the
    /// catalogue publishes one, its checksum. <paramref name="name"/> is a catalogue name (the file is then stored under
    /// the catalogue's file name) or the file name to store it under; without it, the source's file name is kept.
    /// Returns the installed file's path.
    /// </summary>
    /// <exception cref="ModelDownloadException">The file is missing, not VGG19 weights, or fails its checksum; nothing is installed.</exception>
    public async Task<string> ImportAsync(string sourceFile, string? name = null, CancellationToken cancellationToken = default)
    {
        var label = name ?? Path.GetFileName(sourceFile);
        if (!File.Exists(sourceFile))
        {
            throw new ModelDownloadException(label, $"Cannot import '{sourceFile}': there is no such file.");
        }

        var model = name is null ? ModelCatalog.FindByFileName(Path.GetFileName(sourceFile)) : ModelCatalog.Find(name);
        var fileName = model?.FileName ?? StoredName(sourceFile, name);
        if (!string.Equals(Path.GetExtension(fileName), Path.GetExtension(sourceFile), StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelDownloadException(
                label, $"Cannot import '{sourceFile}' as {label}: that is stored as {fileName}, a {Path.GetExtension(fileName)} file, and this is a {Path.GetExtension(sourceFile)} file.");
        }

        try
        {
            Vgg19WeightLoader.Load(sourceFile).Dispose();
        }
        catch (WeightsException e)
        {
            throw new ModelDownloadException(label, $"Cannot import '{sourceFile}': it is not VGG19 weights this program can use. {e.Message}", e);
        }

        Directory.CreateDirectory(Folder);
        var final = Path.Combine(Folder, fileName);
        var part = final + ".part";
        await using (var source = new FileStream(sourceFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
        await using (var target = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
        {
            await source.CopyToAsync(target, cancellationToken);
        }

        // The copy, not the source, is what gets kept, so the copy is what the checksum is taken of; the source loaded above.
        await ModelVerification.VerifyAndMoveAsync(
            label,
            part,
            final,
            model?.Sha256,
            loadWithoutHash: false,
            $"Cannot import '{sourceFile}' as {label}: it does not match the checksum published for {label}, so it is damaged or another file. Nothing was imported.",
            cancellationToken);
        return final;
    }

    private static string StoredName(string sourceFile, string? name)
    {
        if (name is null)
        {
            return Path.GetFileName(sourceFile);
        }

        if (name.Length == 0 || name != Path.GetFileName(name) || name is "." or ".." || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ModelDownloadException(name, $"'{name}' is neither a model in the catalogue nor a plain file name to store the file under.");
        }

        return Path.HasExtension(name) ? name : name + Path.GetExtension(sourceFile);
    }
}
