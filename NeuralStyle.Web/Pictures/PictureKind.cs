namespace NeuralStyle.Web.Pictures;

/// <summary>The pictures kept for a job, each a file named by the job's id, never by anything a request says.</summary>
public enum PictureKind
{
    Content,
    Style,
    Result,
    Thumbnail,

    /// <summary>One small picture of an explore grid or a network view, by its index.</summary>
    Sketch,
}
