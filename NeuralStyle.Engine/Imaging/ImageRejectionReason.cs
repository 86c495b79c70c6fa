namespace NeuralStyle.Engine.Imaging;

/// <summary>Why a picture was refused; lets callers choose a status code or an icon without parsing messages.</summary>
public enum ImageRejectionReason
{
    Empty,
    TooManyBytes,
    TooManyPixels,
    UnsupportedFormat,
    UnsupportedFeature,
    Damaged,
    TooSlow,
}
