using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Models;
using NeuralStyle.Tests.Engine.Backbones;

namespace NeuralStyle.Tests.Engine.Models;

public sealed class ModelLibraryTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"models-{Guid.NewGuid():N}");
    private readonly RandomVgg19Files files = new();

    [Fact]
    public async Task ImportCopiesAVgg19FileIntoTheFolderWhereItLoads()
    {
        var source = files.Write("mine.safetensors", files.TorchVisionStateDict());
        var library = new ModelLibrary(folder);

        var path = await library.ImportAsync(source);

        Assert.Equal(Path.Combine(library.Folder, "mine.safetensors"), path);
        Assert.Equal(await File.ReadAllBytesAsync(source), await File.ReadAllBytesAsync(path));
        using (var weights = Vgg19WeightLoader.Load(path))
        {
            Assert.Equal(Vgg19Convention.TorchVision, weights.Convention);
        }

        var installed = Assert.Single(library.Installed());
        Assert.Equal(("mine.safetensors", false, null), (installed.FileName, installed.IsPartial, installed.Catalogued));
    }

    [Fact]
    public async Task ImportUnderAPlainNameKeepsTheSourcesExtension()
    {
        var source = files.Write("vgg_conv.safetensors", files.PaperStateDict());

        var path = await new ModelLibrary(folder).ImportAsync(source, "authors-copy");

        Assert.Equal("authors-copy.safetensors", Path.GetFileName(path));
    }

    [Fact]
    public async Task ImportAsACatalogueModelIsRefusedWhenItsChecksumDiffers()
    {
        var source = files.Write("vgg19.pth", files.TorchVisionStateDict());

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => new ModelLibrary(folder).ImportAsync(source, "vgg19-torchvision"));

        Assert.Equal(
            $"Cannot import '{source}' as vgg19-torchvision: it does not match the checksum published for vgg19-torchvision, so it is damaged or another file. Nothing was imported.",
            error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task ImportOfAFileThatIsNotVgg19IsRefusedWithTheReason()
    {
        var source = files.PathOf("notes.pth");
        await File.WriteAllTextAsync(source, "these are my notes, not weights");

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => new ModelLibrary(folder).ImportAsync(source));

        Assert.StartsWith($"Cannot import '{source}': it is not VGG19 weights this program can use. ", error.Message);
        Assert.Contains("neither a zip archive", error.Message);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task ImportOfAFileOfTheWrongKindForTheCatalogueNameIsRefused()
    {
        var source = files.Write("vgg19.safetensors", files.TorchVisionStateDict());

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => new ModelLibrary(folder).ImportAsync(source, "vgg19-onnx"));

        Assert.Equal(
            $"Cannot import '{source}' as vgg19-onnx: that is stored as vgg19-7.onnx, a .onnx file, and this is a .safetensors file.",
            error.Message);
    }

    [Fact]
    public void InstalledListsPartialDownloadsWithTheModelTheyWillBe()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "vgg19-7.onnx.part"), new byte[1234]);
        File.WriteAllText(Path.Combine(folder, "readme.txt"), "not a model");

        var installed = Assert.Single(new ModelLibrary(folder).Installed());

        Assert.True(installed.IsPartial);
        Assert.Equal(1234, installed.SizeBytes);
        Assert.Equal("vgg19-onnx", installed.Catalogued?.Name);
    }

    public void Dispose()
    {
        files.Dispose();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
