using NeuralStyle.Web.Data;

namespace NeuralStyle.Web.Pictures;

/// <summary>
/// Pictures as files under the data folder (outside wwwroot): <c>pictures/{job id}/content.png</c>, <c>style-0.png</c>,
/// <c>result.png</c>, <c>thumbnail.jpg</c>. Paths are built from a Guid and an index only.
/// </summary>
public sealed class PictureStore(DataFolder folder)
{
    public async Task SaveAsync(Guid jobId, PictureKind kind, int index, byte[] bytes, CancellationToken cancellationToken = default)
    {
        var path = PathOf(jobId, kind, index);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public void Save(Guid jobId, PictureKind kind, int index, byte[] bytes)
    {
        var path = PathOf(jobId, kind, index);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path + ".part", bytes);
        File.Move(path + ".part", path, overwrite: true);
    }

    public Stream? Open(Guid jobId, PictureKind kind, int index = 0)
    {
        var path = PathOf(jobId, kind, index);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    public void DeleteAll(Guid jobId)
    {
        var directory = DirectoryOf(jobId);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static string ContentType(PictureKind kind) => kind == PictureKind.Thumbnail ? "image/jpeg" : "image/png";

    private string DirectoryOf(Guid jobId) => Path.Combine(folder.Pictures, jobId.ToString("N"));

    private string PathOf(Guid jobId, PictureKind kind, int index) => Path.Combine(DirectoryOf(jobId), kind switch
    {
        PictureKind.Content => "content.png",
        PictureKind.Style => $"style-{index}.png",
        PictureKind.Result => "result.png",
        PictureKind.Thumbnail => "thumbnail.jpg",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    });
}
