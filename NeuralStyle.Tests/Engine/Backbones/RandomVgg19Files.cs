using NeuralStyle.Engine.Backbones;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace NeuralStyle.Tests.Engine.Backbones;

/// <summary>
/// A seeded random VGG19 whose weights the tests write in each published format to a private temporary folder,
/// deleted afterwards (about 80 MB a file).
/// </summary>
public sealed class RandomVgg19Files : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"neuralstyle-vgg19-{Guid.NewGuid():N}");

    public RandomVgg19Files()
    {
        manual_seed(2016);
        Network = new Vgg19();
        Network.eval();
        Directory.CreateDirectory(folder);
    }

    /// <summary>The network whose weights are written; its activations are the reference.</summary>
    public Vgg19 Network { get; }

    /// <summary>The weights with the authors' keys (<c>conv1_1.weight</c> ...).</summary>
    public Dictionary<string, Tensor> PaperStateDict() =>
        Network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>The weights with torchvision's keys (<c>features.0.weight</c> ...) and a small classifier to be skipped.</summary>
    public Dictionary<string, Tensor> TorchVisionStateDict()
    {
        var dict = PaperStateDict().ToDictionary(kv => Vgg19WeightLoader.TorchVisionKey(kv.Key), kv => kv.Value);
        dict["classifier.0.weight"] = randn(10, 25);
        dict["classifier.0.bias"] = randn(10);
        return dict;
    }

    /// <summary>Writes <paramref name="stateDict"/> as <paramref name="fileName"/>, in the format its extension names.</summary>
    public string Write(string fileName, Dictionary<string, Tensor> stateDict)
    {
        var path = Path.Combine(folder, fileName);
        if (fileName.EndsWith(".safetensors", StringComparison.Ordinal))
        {
            using var stream = File.Create(path);
            Safetensors.SaveStateDict(stream, stateDict);
        }
        else
        {
            PyTorchPickler.PickleStateDict(path, stateDict);
        }

        return path;
    }

    /// <summary>A path inside the private folder, for files a test writes by hand.</summary>
    public string PathOf(string fileName) => Path.Combine(folder, fileName);

    public void Dispose()
    {
        Network.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
