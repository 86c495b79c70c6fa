using System.Text.Json;
using NeuralStyle.Engine.Imaging;

namespace NeuralStyle.Tests.Engine.Imaging;

public class SampleImagesTests
{
    private sealed record Sample(string File, string Title, string Kind, string Credit);

    private static readonly string SamplesFolder = Path.Combine(RepositoryRoot(), "NeuralStyle.Web", "wwwroot", "samples");

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "NeuralStyle.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("NeuralStyle.sln not found above the test output.");
    }

    private static List<Sample> ReadManifest() =>
        JsonSerializer.Deserialize<List<Sample>>(
            File.ReadAllText(Path.Combine(SamplesFolder, "samples.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    [Fact]
    public void EverySampleInTheManifestExistsAndLoadsAtMost512PixelsLong()
    {
        var samples = ReadManifest();

        Assert.NotEmpty(samples);
        foreach (var sample in samples)
        {
            using var file = File.OpenRead(Path.Combine(SamplesFolder, sample.File));
            var image = ImageLoader.Load(file, ImageLimits.Default);

            Assert.InRange(Math.Max(image.Width, image.Height), 64, 512);
            Assert.Contains(sample.Kind, new[] { "content", "style" });
            Assert.False(string.IsNullOrWhiteSpace(sample.Title), $"{sample.File} has no title.");
            Assert.False(string.IsNullOrWhiteSpace(sample.Credit), $"{sample.File} has no credit.");
        }
    }

    [Fact]
    public void TheManifestOffersContentAndStylePictures()
    {
        var kinds = ReadManifest().GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Count());

        Assert.True(kinds.GetValueOrDefault("content") >= 2, "Fewer than two content samples.");
        Assert.True(kinds.GetValueOrDefault("style") >= 2, "Fewer than two style samples.");
    }

    [Fact]
    public void EveryPictureInTheFolderIsListedWithItsSource()
    {
        var listed = ReadManifest().Select(s => s.File).ToHashSet();
        var sources = File.ReadAllText(Path.Combine(SamplesFolder, "SOURCES.md"));
        var pictures = Directory.GetFiles(SamplesFolder)
            .Select(Path.GetFileName)
            .Where(name => name is not ("samples.json" or "SOURCES.md"))
            .ToList();

        Assert.Equal(listed.Order(), pictures.Order()!);
        Assert.All(pictures, name => Assert.Contains($"`{name}`", sources));
    }
}
