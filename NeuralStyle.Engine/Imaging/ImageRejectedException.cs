namespace NeuralStyle.Engine.Imaging;

/// <summary>
/// A picture the application will not use. <see cref="Exception.Message"/> is a sentence meant for the person who
/// uploaded it; the decoder's own exception, if any, is the inner exception.
/// </summary>
public sealed class ImageRejectedException(ImageRejectionReason reason, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ImageRejectionReason Reason { get; } = reason;
}
