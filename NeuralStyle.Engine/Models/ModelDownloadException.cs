namespace NeuralStyle.Engine.Models;

/// <summary>A download or import that failed, with a message a person can act on.</summary>
public sealed class ModelDownloadException(string modelName, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The model's name (or the file's, for an import).</summary>
    public string ModelName { get; } = modelName;
}
