using NeuralStyle.Engine.Backbones;
using NeuralStyle.Tests.Engine.Backbones;
using NeuralStyle.Tests.Engine.Models;
using NeuralStyle.Web.Cli;

namespace NeuralStyle.Tests.Web.Cli;

public sealed class ModelsCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("models-cli-").FullName;

    [Fact]
    public async Task ListShowsWhatIsInstalledAndWhatCanBeFetched()
    {
        await File.WriteAllBytesAsync(Path.Combine(folder, "vgg19-dcbb9e9d.pth"), new byte[2_500_000]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "vgg19-7.onnx.part"), new byte[1_000_000]);

        var (code, stdout, _) = await CliRunner.Run("models", "list", "--folder", folder);

        Assert.Equal(0, code);
        Assert.Contains($"Models folder: {folder}", stdout);
        Assert.Matches(@"vgg19-dcbb9e9d\.pth +2\.5 MB +vgg19-torchvision", stdout);
        Assert.Matches(@"vgg19-7\.onnx\.part +1\.0 MB +partial download of vgg19-onnx: 'models fetch vgg19-onnx' resumes it", stdout);
        Assert.Matches(@"vgg19-torchvision +installed ", stdout);
        Assert.Matches(@"vgg19-authors +not installed ", stdout);
        Assert.Contains("https://download.pytorch.org/models/vgg19-dcbb9e9d.pth", stdout);
        Assert.Contains("https://bethgelab.org/media/uploads/pytorch_models/vgg_conv.pth (no published checksum)", stdout);
    }

    [Fact]
    public async Task FetchFromAMirrorInstallsTheModelWithAProgressLine()
    {
        using var files = new RandomVgg19Files();
        var source = files.Write("vgg_conv.pth", files.PaperStateDict());
        await using var server = new LocalModelServer(await File.ReadAllBytesAsync(source));

        var (code, stdout, stderr) = await CliRunner.Run("models", "fetch", "vgg19-authors", "--from", server.FileUri.ToString(), "--folder", folder);

        Assert.True(code == 0, stderr);
        var installed = Path.Combine(folder, "vgg_conv.pth");
        Assert.Matches($@"100\.0%  {server.Payload.Length / 1e6:0.0} MB of {server.Payload.Length / 1e6:0.0} MB  [0-9.]+ MB/s", stdout);
        Assert.Contains($"Installed vgg19-authors: {installed}", stdout);
        using var weights = Vgg19WeightLoader.Load(installed);
        Assert.Equal(Vgg19Convention.Authors, weights.Convention);
    }

    [Fact]
    public async Task FetchOfAFileThatFailsItsChecksumSaysItWasDiscarded()
    {
        await using var server = new LocalModelServer(length: 100_000);

        var (code, _, stderr) = await CliRunner.Run("models", "fetch", "vgg19-onnx", "--from", server.FileUri.ToString(), "--folder", folder);

        Assert.Equal(1, code);
        Assert.Equal(
            "The download of vgg19-onnx does not match its checksum: the file was damaged or changed; it has been discarded. Try again.",
            stderr.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task FetchFromAnAddressThatIsGoneSaysTheStatus()
    {
        await using var server = new LocalModelServer(length: 1000);

        var (code, _, stderr) = await CliRunner.Run("models", "fetch", "vgg19-torchvision", "--from", new Uri(server.BaseUri, "/gone.pth").ToString(), "--folder", folder);

        Assert.Equal(1, code);
        Assert.Contains("failed: the server answered 404 Not Found.", stderr);
    }

    [Fact]
    public async Task FetchOfAnUnknownModelNamesTheKnownOnes()
    {
        var (code, _, stderr) = await CliRunner.Run("models", "fetch", "vgg16", "--folder", folder);

        Assert.Equal(1, code);
        Assert.Equal("There is no model called 'vgg16': choose one of vgg19-torchvision, vgg19-authors, vgg19-onnx.", stderr.Trim());
    }

    [Fact]
    public async Task FetchFromSomethingThatIsNotAWebAddressIsRefused()
    {
        var (code, _, stderr) = await CliRunner.Run("models", "fetch", "vgg19-onnx", "--from", "ftp://mirror/vgg19-7.onnx", "--folder", folder);

        Assert.Equal(1, code);
        Assert.Equal("'ftp://mirror/vgg19-7.onnx' is not an http or https address to download from.", stderr.Trim());
    }

    [Fact]
    public async Task ImportInstallsAVgg19FileAndRefusesOneThatIsNot()
    {
        using var files = new RandomVgg19Files();
        var good = files.Write("mine.safetensors", files.TorchVisionStateDict());
        var bad = files.PathOf("photo.onnx");
        await File.WriteAllBytesAsync(bad, new byte[5000]);

        var (code, stdout, stderr) = await CliRunner.Run("models", "import", good, "--folder", folder);
        var (badCode, _, badError) = await CliRunner.Run("models", "import", bad, "--folder", folder);

        Assert.True(code == 0, stderr);
        Assert.Contains($"Imported {Path.Combine(folder, "mine.safetensors")}", stdout);
        Assert.Equal(1, badCode);
        Assert.StartsWith($"Cannot import '{bad}': it is not VGG19 weights this program can use.", badError.Trim());
        Assert.Equal(["mine.safetensors"], Directory.EnumerateFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WithoutAFolderItUsesTheWebApplicationsModelsFolder()
    {
        Environment.SetEnvironmentVariable("NeuralStyle__Storage__DataFolder", folder);
        try
        {
            var (code, stdout, _) = await CliRunner.Run("models", "list");

            Assert.Equal(0, code);
            Assert.Contains($"Models folder: {Path.Combine(folder, "models")}", stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NeuralStyle__Storage__DataFolder", null);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
