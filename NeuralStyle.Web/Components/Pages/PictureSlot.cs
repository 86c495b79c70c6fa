namespace NeuralStyle.Web.Components.Pages;

/// <summary>A picture picked on the Create page: its bytes for the submission and a small preview to show at once.</summary>
public sealed record PictureSlot(string Name, byte[] Bytes, string PreviewDataUrl, int Width, int Height);
