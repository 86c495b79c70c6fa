using NeuralStyle.Web.Data;

namespace NeuralStyle.Web.Pictures;

/// <summary>
/// Pictures as files under the data folder (outside wwwroot): <c>pictures/{job id}/content.png</c>, <c>style-0.png</c>,
/// <c>result.png</c>, <c>thumbnail.jpg</c>, <c>sketch-{index}.png</c>,
/// <c>frame-{iteration}.jpg</c> while a run goes on and <c>timelapse.gif</c> after it. Paths are built from a Guid and an index only. Every write goes to a
/// temporary file in the same folder, is flushed to disk, then renamed over the final name, so a crash leaves either
/// the old file or the new one, never half a picture.
/// </summary>
public sealed class PictureStore(DataFolder folder)
{
    /// <summary>Ends the name of a write still in progress; the start-up sweep removes any a crash left behind.</summary>
    public const string TemporarySuffix = ".tmp";

    public async Task SaveAsync(Guid jobId, PictureKind kind, int index, byte[] bytes, CancellationToken cancellationToken = default)
    {
        var path = PathOf(jobId, kind, index);
        var temporary = TemporaryFor(path);
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(bytes, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            Discard(temporary);
            throw;
        }
    }

    public void Save(Guid jobId, PictureKind kind, int index, byte[] bytes)
    {
        var path = PathOf(jobId, kind, index);
        var temporary = TemporaryFor(path);
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            Discard(temporary);
            throw;
        }
    }

    public bool Exists(Guid jobId, PictureKind kind, int index = 0) => File.Exists(PathOf(jobId, kind, index));

    public Stream? Open(Guid jobId, PictureKind kind, int index = 0)
    {
        var path = PathOf(jobId, kind, index);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    /// <summary>The indexes of the time-lapse frames a job has on disk, in increasing order.</summary>
    public IReadOnlyList<int> Indexes(Guid jobId, PictureKind kind)
    {
        if (kind != PictureKind.TimeLapseFrame)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), "Only time-lapse frames are listed.");
        }

        var directory = DirectoryOf(jobId);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "frame-*.jpg")
                .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f)["frame-".Length..], out var i) ? i : (int?)null)
                .OfType<int>()
                .Order()
                .ToList()
            : [];
    }

    /// <summary>Removes one picture if it is there.</summary>
    public void Delete(Guid jobId, PictureKind kind, int index = 0) => File.Delete(PathOf(jobId, kind, index));

    public void DeleteAll(Guid jobId)
    {
        var directory = DirectoryOf(jobId);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The ids of every job that has a picture folder, whether or not the database still knows it.</summary>
    public IEnumerable<Guid> Folders() => Directory.EnumerateDirectories(folder.Pictures)
        .Select(Path.GetFileName)
        .Select(name => Guid.TryParseExact(name, "N", out var id) ? id : (Guid?)null)
        .OfType<Guid>();

    /// <summary>Removes the temporary files of writes a crash interrupted; returns how many.</summary>
    public int DeleteUnfinishedWrites()
    {
        var unfinished = Directory.EnumerateFiles(folder.Pictures, "*" + TemporarySuffix, SearchOption.AllDirectories).ToList();
        unfinished.ForEach(File.Delete);
        return unfinished.Count;
    }

    public static string ContentType(PictureKind kind) => kind switch
    {
        PictureKind.Thumbnail or PictureKind.TimeLapseFrame => "image/jpeg",
        PictureKind.TimeLapse => "image/gif",
        _ => "image/png",
    };

    private static string TemporaryFor(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
    }

    private static void Discard(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write's own failure is the one worth reporting; the sweep at the next start removes this file.
        }
    }

    private string DirectoryOf(Guid jobId) => Path.Combine(folder.Pictures, jobId.ToString("N"));

    private string PathOf(Guid jobId, PictureKind kind, int index) => Path.Combine(DirectoryOf(jobId), kind switch
    {
        PictureKind.Content => "content.png",
        PictureKind.Style => $"style-{index}.png",
        PictureKind.Result => "result.png",
        PictureKind.Thumbnail => "thumbnail.jpg",
        PictureKind.TimeLapseFrame => $"frame-{index}.jpg",
        PictureKind.TimeLapse => "timelapse.gif",
        PictureKind.Sketch => $"sketch-{index}.png",

        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    });
}
