namespace NeuralStyle.Engine.Models;

/// <summary>A file in the models folder.</summary>
/// <param name="FileName">Its name in the folder.</param>
/// <param name="Path">Its full path.</param>
/// <param name="SizeBytes">Its length.</param>
/// <param name="Catalogued">The catalogue entry it is (or, for a partial download, will be), if any.</param>
/// <param name="IsPartial">A <c>.part</c> file left by an interrupted download, resumed by the next fetch.</param>
public sealed record InstalledModel(string FileName, string Path, long SizeBytes, DownloadableModel? Catalogued, bool IsPartial);
