using System.Globalization;
using System.Text.RegularExpressions;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Cli;

namespace NeuralStyle.Tests.Web.Cli;

public sealed partial class StylizeCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("stylize-").FullName;

    private static string Sample(string name) => Path.Combine(CliPictures.SamplesFolder, name);

    [Fact]
    public async Task StylizeWritesAStylisedPngFromNoiseWithTheDefaultBackbone()
    {
        var output = Path.Combine(folder, "out.png");

        var (code, stdout, stderr) = await CliRunner.Run(
            "stylize", "--content", Sample("chelsea.jpg"), "--style", Sample("starry-night.jpg"), "--out", output,
            "--size", "96", "--iterations", "30");

        Assert.True(code == 0, stderr);
        Assert.Contains("iteration    30/30", stdout);
        var match = LossLine().Match(stdout);
        Assert.True(match.Success, stdout);
        var (start, end) = (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.True(end < start / 2, $"style loss {start} -> {end}");

        await using var png = File.OpenRead(output);
        var picture = ImageLoader.Load(png, ImageLimits.Default);
        Assert.Equal((96, 64), (picture.Width, picture.Height));
        png.Position = 0;
        var recipe = StyleRecipe.FromPngText(ImageEncoder.ReadPngText(png));
        Assert.NotNull(recipe);
        Assert.Equal("resnet18", recipe.Backbone);
        Assert.Equal(30, recipe.Settings.Iterations);
        Assert.Equal(64, recipe.WeightsSha256!.Length);
    }

    [Fact]
    public async Task MissingPictureIsOneClearLine()
    {
        var (code, _, stderr) = await CliRunner.Run(
            "stylize", "--content", Path.Combine(folder, "nope.jpg"), "--style", Sample("starry-night.jpg"), "--out", Path.Combine(folder, "x.png"));

        Assert.Equal(1, code);
        Assert.Equal($"Cannot read the content picture '{Path.Combine(folder, "nope.jpg")}': there is no such file.", stderr.Trim());
    }

    [Fact]
    public async Task TextFileNamedJpgIsRefusedInOneLine()
    {
        var fake = Path.Combine(folder, "notes.jpg");
        await File.WriteAllTextAsync(fake, "these are my notes, not a picture");

        var (code, _, stderr) = await CliRunner.Run("stylize", "--content", fake, "--style", Sample("starry-night.jpg"), "--out", Path.Combine(folder, "x.png"));

        Assert.Equal(1, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("not a picture we can read", stderr);
    }

    [Fact]
    public async Task BadChoiceIsOneLineThatPointsToHelp()
    {
        var (code, _, stderr) = await CliRunner.Run(
            "stylize", "--content", Sample("chelsea.jpg"), "--style", Sample("starry-night.jpg"), "--out", Path.Combine(folder, "x.png"), "--optimizer", "sgd");

        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("sgd", stderr);
        Assert.Contains("--help", stderr);
    }

    [Fact]
    public async Task OutOfRangeSettingsAreRefusedWithTheReason()
    {
        var (code, _, stderr) = await CliRunner.Run(
            "stylize", "--content", Sample("chelsea.jpg"), "--style", Sample("starry-night.jpg"), "--out", Path.Combine(folder, "x.png"), "--iterations", "0");

        Assert.Equal(1, code);
        Assert.Contains("Iterations must be between 1 and", stderr);
    }

    [Fact]
    public async Task HelpListsEveryOptionWithItsDefault()
    {
        var (code, stdout, _) = await CliRunner.Run("stylize", "--help");

        Assert.Equal(0, code);
        foreach (var option in new[]
        {
            "--content", "--style", "--out", "--size", "--iterations", "--backbone", "--content-weight", "--style-weight", "--tv-weight",
            "--optimizer", "--init", "--seed", "--pooling", "--weights", "--lbfgs-history",
        })
        {
            Assert.Contains(option, stdout);
        }

        Assert.Contains("[default: 512]", stdout);
        Assert.Contains("[default: lbfgs]", stdout);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [GeneratedRegex(@"style loss ([0-9.E+-]+) -> ([0-9.E+-]+)")]
    private static partial Regex LossLine();
}
