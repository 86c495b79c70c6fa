namespace NeuralStyle.Web.Data;

/// <summary>The losses after one iteration of a finished job (the loss curve).</summary>
public sealed class JobStepEntity
{
    public Guid JobId { get; set; }

    public int Iteration { get; set; }

    public double ContentLoss { get; set; }

    public double StyleLoss { get; set; }

    public double TvLoss { get; set; }

    public double TotalLoss { get; set; }

    public double ElapsedSeconds { get; set; }
}
