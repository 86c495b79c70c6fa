using System.Text.Json;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Cli;

/// <summary>A failure the command line reports as one line.</summary>
internal sealed class CliException(string message) : Exception(message);

/// <summary>Pictures from files for the command line, refused with one readable line.</summary>
internal static class CliPictures
{
    /// <summary>The bundled sample pictures, also the default calibration set.</summary>
    public static string SamplesFolder => Path.Combine(AppContext.BaseDirectory, "wwwroot", "samples");

    /// <summary>The bundled samples as <c>samples.json</c> lists them.</summary>
    public static IReadOnlyList<SamplePicture> Samples() =>
        JsonSerializer.Deserialize<List<SamplePicture>>(File.ReadAllText(Path.Combine(SamplesFolder, "samples.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];

    public static RgbImage Read(FileInfo file, string role)
    {
        if (!file.Exists)
        {
            throw new CliException($"Cannot read the {role} '{file.FullName}': there is no such file.");
        }

        try
        {
            using var stream = file.OpenRead();
            return ImageLoader.Load(stream, ImageLimits.Default);
        }
        catch (ImageRejectedException ex)
        {
            throw new CliException($"Cannot read the {role} '{file.FullName}': {ex.Message}");
        }
    }
}
