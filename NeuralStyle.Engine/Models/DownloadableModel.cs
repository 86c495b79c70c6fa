namespace NeuralStyle.Engine.Models;

/// <summary>A weights file the program can fetch from its public address.</summary>
/// <param name="Name">Short name used on the command line and in the API (<c>vgg19-torchvision</c>).</param>
/// <param name="Title">What it is, for people.</param>
/// <param name="Url">Where it is published.</param>
/// <param name="FileName">The name it is stored under in the models folder; its extension tells the loader its format.</param>
/// <param name="SizeBytes">Its length in bytes where the publisher documents it.</param>
/// <param name="Sha256">
/// Its SHA-256 in lower-case hex: all 64 digits where published, or a prefix (torchvision's file names carry the first 8),
/// or null where none is published; then the file is only kept if it loads as VGG19.
/// </param>
/// <param name="Source">Where the address and the hash were found.</param>
public sealed record DownloadableModel(string Name, string Title, Uri Url, string FileName, long? SizeBytes, string? Sha256, string Source);
