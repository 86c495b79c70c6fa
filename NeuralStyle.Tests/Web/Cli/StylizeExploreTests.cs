using NeuralStyle.Engine.Imaging;
using NeuralStyle.Web.Cli;

namespace NeuralStyle.Tests.Web.Cli;

/// <summary><c>stylize --explore</c>: quick sketches side by side in one PNG instead of one picture.</summary>
public sealed class StylizeExploreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("explore-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Sample(string name) => Path.Combine(CliPictures.SamplesFolder, name);

    [Fact]
    public async Task RatioExploreWritesTheVariantsSideBySideAndSaysWhichIsWhich()
    {
        var output = Path.Combine(folder, "grid.png");

        var (code, stdout, stderr) = await CliRunner.Run(
            "stylize", "--content", Sample("chelsea.jpg"), "--style", Sample("starry-night.jpg"), "--out", output,
            "--explore", "ratio", "--explore-count", "3", "--sketch-size", "48", "--sketch-iterations", "5");

        Assert.True(code == 0, stderr);
        Assert.Contains("Sketch 1: Content/style 1e-3", stdout);
        Assert.Contains("Sketch 3: Content/style 1e-7", stdout);
        await using var png = File.OpenRead(output);
        var sheet = ImageLoader.Load(png, ImageLimits.Default);
        // chelsea.jpg is 3:2, so each sketch is 48x32; three of them with two 8 px gaps.
        Assert.Equal((3 * 48 + 2 * 8, 32), (sheet.Width, sheet.Height));
    }

    [Fact]
    public async Task ExploreRefusesACountOutsideTheRangeInWords()
    {
        var (code, _, stderr) = await CliRunner.Run(
            "stylize", "--content", Sample("chelsea.jpg"), "--style", Sample("starry-night.jpg"), "--out", Path.Combine(folder, "x.png"),
            "--explore", "layer", "--explore-count", "12");

        Assert.Equal(1, code);
        Assert.Contains("An explore grid has 2 to 6 variants (got 12).", stderr);
    }
}
