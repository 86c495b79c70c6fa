using System.Buffers.Binary;
using System.Collections;
using System.Text.Json;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace NeuralStyle.Engine.Backbones;

/// <summary>
/// Reads VGG19 weights from any of the formats they are published in and checks them against the network:
/// torchvision's <c>vgg19-*.pth</c> (keys <c>features.N.weight</c>), the paper authors' <c>vgg_conv.pth</c>
/// (keys <c>conv1_1.weight</c>), both in either <c>torch.save</c> format (zip since PyTorch 1.6, or the older pickle
/// stream these 2017 files were written in), and <c>.safetensors</c> with either key style. Fails loudly with a
/// <see cref="WeightsException"/> naming the file and every key that does not fit.
/// </summary>
public static class Vgg19WeightLoader
{
    // torchvision's vgg19().features interleaves ReLUs and max pools with the convolutions; these are the convolutions' indices.
    private static readonly int[] TorchVisionFeatureIndices = [0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28, 30, 32, 34];

    /// <summary>
    /// Reads and checks the weights in <paramref name="path"/>, picking the format from the extension
    /// (<c>.pth</c>/<c>.pt</c>, <c>.safetensors</c>) and the convention from the key style: <c>features.N</c> keys are
    /// torchvision's (<see cref="Vgg19Convention.TorchVision"/>), <c>convB_I</c> keys the authors'
    /// (<see cref="Vgg19Convention.Authors"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="WeightsException">The file is damaged, of an unknown kind, or does not fit VGG19.</exception>
    public static Vgg19Weights Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no VGG19 weights file at '{path}'.", path);
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".pth" or ".pt" => FromStateDict(path, ReadPyTorch(path)),
            ".safetensors" => FromStateDict(path, ReadSafetensors(path)),
            // The ONNX model zoo's VGG19 expects torchvision's input (RGB, ImageNet mean and std, per its README); its convolutions
            // come back under the authors' key names, so the convention is stated rather than guessed from keys.
            ".onnx" => FromStateDict(path, ReadOnnx(path), Vgg19Convention.TorchVision),
            _ => throw new WeightsException(
                path, $"'{path}' is not a kind of file VGG19 weights are read from: expected .pth, .pt, .safetensors or .onnx."),
        };
    }

    /// <summary>
    /// Checks a state dict read from <paramref name="path"/> against VGG19 and takes ownership of its tensors.
    /// Keys may be torchvision's (<c>features.N.weight</c>; <c>classifier.*</c> is ignored) or the paper's
    /// (<c>conv1_1.weight</c>). Without <paramref name="convention"/>, the key style decides it.
    /// </summary>
    /// <exception cref="WeightsException">Keys are missing or unexpected, or tensors have the wrong shape or type.</exception>
    public static Vgg19Weights FromStateDict(string path, IReadOnlyDictionary<string, Tensor> stateDict, Vgg19Convention? convention = null)
    {
        var torchVisionKeys = stateDict.Keys.Any(k => k.StartsWith("features.", StringComparison.Ordinal));
        var fileKeys = ExpectedShapes().ToDictionary(
            e => e.Key,
            e => torchVisionKeys ? TorchVisionKey(e.Key) : e.Key);

        var missing = new List<string>();
        var mismatched = new List<ShapeMismatch>();
        foreach (var (key, shape) in ExpectedShapes())
        {
            if (!stateDict.TryGetValue(fileKeys[key], out var tensor))
            {
                missing.Add(fileKeys[key]);
            }
            else if (!tensor.shape.SequenceEqual(shape) || !tensor.is_floating_point())
            {
                mismatched.Add(new ShapeMismatch(fileKeys[key] + (tensor.is_floating_point() ? "" : $" of type {tensor.dtype}"), shape, tensor.shape));
            }
        }

        var wanted = fileKeys.Values.ToHashSet();
        var unexpected = stateDict.Keys
            .Where(k => !wanted.Contains(k) && !(torchVisionKeys && k.StartsWith("classifier.", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

        if (missing.Count > 0 || unexpected.Count > 0 || mismatched.Count > 0)
        {
            DisposeAll(stateDict.Values);
            throw new WeightsException(path, "VGG19", missing, unexpected, mismatched);
        }

        var canonical = fileKeys.ToDictionary(k => k.Key, k => ToFloat32(stateDict[k.Value]));
        DisposeAll(stateDict.Where(kv => !wanted.Contains(kv.Key)).Select(kv => kv.Value));
        return new Vgg19Weights(
            path,
            canonical,
            convention ?? (torchVisionKeys ? Vgg19Convention.TorchVision : Vgg19Convention.Authors));
    }

    /// <summary>Every parameter VGG19 needs, by the paper's key, with its shape.</summary>
    internal static IEnumerable<(string Key, long[] Shape)> ExpectedShapes() => Vgg19.Convolutions.SelectMany(c => new[]
    {
        ($"{c.Name}.weight", new long[] { c.OutChannels, c.InChannels, 3, 3 }),
        ($"{c.Name}.bias", new long[] { c.OutChannels }),
    });

    /// <summary>torchvision's key for a paper key: <c>conv1_2.bias</c> is <c>features.2.bias</c>.</summary>
    internal static string TorchVisionKey(string paperKey)
    {
        var dot = paperKey.IndexOf('.', StringComparison.Ordinal);
        var layer = Vgg19.Convolutions.Select(c => c.Name).ToList().IndexOf(paperKey[..dot]);
        return $"features.{TorchVisionFeatureIndices[layer]}{paperKey[dot..]}";
    }

    private static Dictionary<string, Tensor> ReadPyTorch(string path) => PyTorchFileKind(path) switch
    {
        PyTorchKind.Zip => ReadPyTorchZip(path),
        PyTorchKind.Legacy => ReadPyTorchLegacy(path),
        _ => throw new WeightsException(
            path,
            $"'{path}' is not a PyTorch file this program reads: it is neither a zip archive (PyTorch 1.6 and later) nor a " +
            "pickle stream (PyTorch 0.1.10 to 1.5). If PyTorch itself loads it, convert it once: " +
            "python -c \"import torch; torch.save(torch.load('old.pth'), 'new.pth')\"."),
    };

    private static Dictionary<string, Tensor> ReadPyTorchZip(string path)
    {
        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WeightsException(path, $"'{path}' could not be read as a PyTorch state dict: {e.Message}", e);
        }

        var result = new Dictionary<string, Tensor>();
        var notTensors = new List<string>();
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Value is Tensor tensor)
            {
                result[entry.Key.ToString()!] = tensor;
            }
            else
            {
                notTensors.Add(entry.Key.ToString()!);
            }
        }

        if (notTensors.Count > 0)
        {
            DisposeAll(result.Values);
            throw new WeightsException(path, $"'{path}' holds entries that are not tensors: {string.Join(", ", notTensors)}.");
        }

        return result;
    }

    private static Dictionary<string, Tensor> ReadOnnx(string path)
    {
        try
        {
            return Onnx.OnnxVgg19Reader.ReadStateDict(path);
        }
        catch (InvalidDataException e)
        {
            throw new WeightsException(path, e.Message, e);
        }
    }

    private static Dictionary<string, Tensor> ReadPyTorchLegacy(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return LegacyPyTorchReader.ReadStateDict(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WeightsException(path, $"'{path}' could not be read as a pre-1.6 PyTorch state dict: {e.Message}", e);
        }
    }

    private enum PyTorchKind
    {
        Zip,
        Legacy,
        Unknown,
    }

    // torch.save writes a zip archive since PyTorch 1.6 (read by PyBridge); before, a bare pickle stream that opens
    // with its pickled magic number (protocol 2, LONG1 of 10 bytes: 0x1950a86a20f9469cfc6c).
    private static PyTorchKind PyTorchFileKind(string path)
    {
        byte[] zip = [0x50, 0x4b, 0x03, 0x04];
        byte[] legacy = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];
        var head = new byte[legacy.Length];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (read >= zip.Length && head.AsSpan(0, zip.Length).SequenceEqual(zip))
        {
            return PyTorchKind.Zip;
        }

        return read == legacy.Length && head.AsSpan().SequenceEqual(legacy) ? PyTorchKind.Legacy : PyTorchKind.Unknown;
    }

    private static Dictionary<string, Tensor> ReadSafetensors(string path)
    {
        // PyBridge trusts the header's offsets; check them against the file's length so a truncated file is named
        // as such instead of yielding tensors with missing bytes.
        var needed = SafetensorsEnd(path);
        var length = new FileInfo(path).Length;
        if (length < needed)
        {
            throw new WeightsException(path, $"'{path}' is truncated: its header describes {needed} bytes but the file has {length}.");
        }

        try
        {
            return Safetensors.LoadStateDict(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WeightsException(path, $"'{path}' could not be read as a safetensors file: {e.Message}", e);
        }
    }

    private static long SafetensorsEnd(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> prefix = stackalloc byte[8];
            stream.ReadExactly(prefix);
            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerLength > (ulong)Math.Max(stream.Length - 8, 0))
            {
                throw new InvalidDataException($"its header claims {headerLength} bytes, more than the file holds");
            }

            var header = new byte[headerLength];
            stream.ReadExactly(header);
            using var json = JsonDocument.Parse(header);
            var end = json.RootElement.EnumerateObject()
                .Where(p => p.Name != "__metadata__")
                .Select(p => p.Value.GetProperty("data_offsets")[1].GetInt64())
                .DefaultIfEmpty(0)
                .Max();
            return 8 + (long)headerLength + end;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new WeightsException(path, $"'{path}' is not a valid safetensors file: {e.Message}", e);
        }
    }

    private static Tensor ToFloat32(Tensor tensor)
    {
        if (tensor.dtype == ScalarType.Float32)
        {
            return tensor;
        }

        var converted = tensor.to_type(ScalarType.Float32);
        tensor.Dispose();
        return converted;
    }

    private static void DisposeAll(IEnumerable<Tensor> tensors)
    {
        foreach (var tensor in tensors)
        {
            tensor.Dispose();
        }
    }
}
