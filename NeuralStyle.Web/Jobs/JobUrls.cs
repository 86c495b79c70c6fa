namespace NeuralStyle.Web.Jobs;

/// <summary>The addresses the API serves a job's pictures and pages at, in one place.</summary>
public static class JobUrls
{
    public static string Job(Guid id) => $"/api/jobs/{id}";

    public static string Page(Guid id) => $"/jobs/{id}";

    /// <summary>The Create page filled with a job's settings and pictures; anyone with the link may open it.</summary>
    public static string Reuse(Guid id) => $"/create?from={id}";

    /// <summary>The Create page filled with one explore variant's settings at full size and the job's pictures.</summary>
    public static string PaintSketch(Guid id, int index) => $"/create?from={id}&sketch={index}";

    public static string Sketch(Guid id, int index) => $"/api/jobs/{id}/sketch/{index}";

    public static string Preview(Guid id, int iteration) => $"/api/jobs/{id}/preview?v={iteration}";

    public static string Result(Guid id) => $"/api/jobs/{id}/result";

    public static string TimeLapse(Guid id) => $"/api/gallery/{id}/timelapse";

    public static string Thumbnail(Guid id) => $"/api/jobs/{id}/thumbnail";

    public static string Content(Guid id) => $"/api/jobs/{id}/content";

    public static string Style(Guid id, int index) => $"/api/jobs/{id}/style/{index}";

    /// <summary>A job's gallery page; with a share link's key, the link that shows it to anyone who has it.</summary>
    public static string GalleryPage(Guid id, string? shareKey = null) => WithKey($"/gallery/{id}", shareKey)!;

    /// <summary><paramref name="url"/> with a share link's key, for a visitor who sees the job through that link only.</summary>
    public static string? WithKey(string? url, string? shareKey) =>
        url is null || shareKey is null ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}key={Uri.EscapeDataString(shareKey)}";
}
