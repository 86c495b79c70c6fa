using System.Text.RegularExpressions;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Web.Components.Shared;

/// <summary>Settings and devices in the words the Create page uses for them, not as the code names them.</summary>
public static partial class Words
{
    public static string Optimizer(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.Lbfgs => "L-BFGS (the paper's)",
        _ => optimizer.ToString(),
    };

    public static string Start(InitKind init) => init switch
    {
        InitKind.ContentInStyleColours => "The photo in the painting's colours",
        InitKind.Content => "The content photo",
        InitKind.Noise => "Random noise (the paper's)",
        _ => "The style picture",
    };

    public static string Pooling(PoolingKind pooling) => pooling == PoolingKind.Average ? "Average (the paper's)" : "Max";

    /// <summary>
    /// Why a network cannot be used, for visitors: VGG19 without weights is simply not installed yet (the Status page
    /// offers the download; <paramref name="whereToGetIt"/> says so where it helps), rather than the engine's advice to
    /// whoever configures the server; other reasons as the engine gives them.
    /// </summary>
    public static string NotReady(BackboneInfo backbone, bool weightsPathConfigured, string? whereToGetIt = null) =>
        string.Equals(backbone.Name, "vgg19", StringComparison.OrdinalIgnoreCase) && !weightsPathConfigured
            ? "its weights are not on this server yet" + (whereToGetIt is null ? "" : $"; {whereToGetIt}")
            : backbone.NotReadyReason?.TrimEnd('.') ?? "not available here";

    /// <summary>The engine's description of a device ("CPU (2 threads)", "CUDA GPU 0"), with "1 thread" in the singular.</summary>
    public static string Device(string? device) => string.IsNullOrEmpty(device) ? "–" : OneThreads().Replace(device, "1 thread");

    [GeneratedRegex(@"\b1 threads\b")]
    private static partial Regex OneThreads();
}
