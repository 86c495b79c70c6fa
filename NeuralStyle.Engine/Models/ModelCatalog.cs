namespace NeuralStyle.Engine.Models;

/// <summary>The VGG19 weights the program knows how to fetch, with the addresses and hashes their publishers give.</summary>
public static class ModelCatalog
{
    /// <summary>Every downloadable model, the recommended one first.</summary>
    public static IReadOnlyList<DownloadableModel> All { get; } =
    [
        new(
            "vgg19-torchvision",
            "VGG19 trained on ImageNet, torchvision's weights (PyTorch .pth, 548 MB with the classifier)",
            new Uri("https://download.pytorch.org/models/vgg19-dcbb9e9d.pth"),
            "vgg19-dcbb9e9d.pth",
            SizeBytes: null,
            // torchvision names its files after the first 8 hex digits of their SHA-256 and checks only those.
            Sha256: "dcbb9e9d",
            "torchvision.models.vgg model_urls; the full hash is not published."),
        new(
            "vgg19-authors",
            "VGG19 normalised by the paper's authors (mean activation 1 per filter; PyTorch .pth, conv layers only, about 80 MB)",
            new Uri("https://bethgelab.org/media/uploads/pytorch_models/vgg_conv.pth"),
            "vgg_conv.pth",
            SizeBytes: null,
            Sha256: null,
            "download_models.sh of leongatys/PytorchNeuralStyleTransfer; no hash is published."),
        new(
            "vgg19-onnx",
            "VGG19 from the ONNX model zoo (vgg19-7, opset 7, 575 MB with the classifier)",
            // The zoo stopped serving its GitHub LFS files on 1 July 2025 and moved them to Hugging Face.
            new Uri("https://huggingface.co/onnxmodelzoo/vgg19-7/resolve/main/vgg19-7.onnx"),
            "vgg19-7.onnx",
            SizeBytes: 574_677_321,
            Sha256: "692f9f927f1df1b89033787a77a73eac59fd9b3344f9ecdf0b13221e41c2046f",
            "onnx/models validated/vision/classification/vgg/model/vgg19-7.onnx (its Git LFS pointer gives size and SHA-256)."),
    ];

    /// <summary>The model called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static DownloadableModel? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The model stored under <paramref name="fileName"/> (case-insensitive), or null.</summary>
    public static DownloadableModel? FindByFileName(string fileName) =>
        All.FirstOrDefault(m => string.Equals(m.FileName, fileName, StringComparison.OrdinalIgnoreCase));
}
