namespace NeuralStyle.Web.Pictures;

/// <summary>The pictures kept for a job, each a file named by the job's id, never by anything a request says.</summary>
public enum PictureKind
{
    Content,
    Style,
    Result,
    Thumbnail,

    /// <summary>A small JPEG of the run so far, one per kept iteration (the index); removed once the time-lapse is built.</summary>
    TimeLapseFrame,

    /// <summary>The animated GIF of the run, built from the kept frames when the job succeeds.</summary>
    TimeLapse,

    /// <summary>One small picture of an explore grid or a network view, by its index.</summary>
    Sketch,

}
