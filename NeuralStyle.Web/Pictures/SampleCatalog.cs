using System.Text.Json;

namespace NeuralStyle.Web.Pictures;

/// <summary>A bundled picture people can use with one click.</summary>
/// <param name="File">File name inside <c>wwwroot/samples/</c>.</param>
/// <param name="Kind"><c>content</c> or <c>style</c>.</param>
public sealed record SamplePicture(string File, string Title, string Kind, string Credit)
{
    public string Url => $"/samples/{Uri.EscapeDataString(File)}";
}

/// <summary>The bundled sample pictures listed in <c>wwwroot/samples/samples.json</c>.</summary>
public sealed class SampleCatalog(IWebHostEnvironment environment, ILogger<SampleCatalog> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private IReadOnlyList<SamplePicture>? samples;

    public IReadOnlyList<SamplePicture> All() => samples ??= Read();

    /// <summary>Opens a sample by its listed file name only, so a request can never name another file.</summary>
    public Stream? Open(string file)
    {
        var sample = All().FirstOrDefault(s => s.File == file);
        var info = sample is null ? null : environment.WebRootFileProvider.GetFileInfo($"samples/{sample.File}");
        return info is { Exists: true } ? info.CreateReadStream() : null;
    }

    private IReadOnlyList<SamplePicture> Read()
    {
        var info = environment.WebRootFileProvider.GetFileInfo("samples/samples.json");
        if (!info.Exists)
        {
            return [];
        }

        try
        {
            using var stream = info.CreateReadStream();
            return JsonSerializer.Deserialize<List<SamplePicture>>(stream, Json) ?? [];
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "samples/samples.json could not be read; no samples are offered");
            return [];
        }
    }
}
