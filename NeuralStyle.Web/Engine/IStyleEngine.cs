using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Web.Engine;

/// <summary>What the web needs from the style-transfer engine; tests can put a scripted engine behind it.</summary>
public interface IStyleEngine
{
    /// <summary>The device runs use, described for people (for example "cpu (2 threads)").</summary>
    string DeviceName { get; }

    IReadOnlyList<BackboneInfo> Backbones();

    /// <summary>The run's recipe as PNG text chunks, so a result file says how it was made (the CLI writes the same).</summary>
    IReadOnlyDictionary<string, string> Recipe(StyleSettings settings);

    /// <summary>
    /// The largest output size (long side, pixels) this server's memory holds for <paramref name="settings"/> with a
    /// content picture of <paramref name="aspect"/> (width over height) and <paramref name="styleCount"/> style
    /// pictures; 0 when nothing fits now, null where it cannot be told (the network is not ready, or the device's free
    /// memory is unknown and none is configured).
    /// </summary>
    int? LargestSize(StyleSettings settings, double aspect, int styleCount);

    /// <summary>A session for one worker thread: it keeps loaded backbones between jobs.</summary>
    IStyleSession OpenSession();
}

/// <summary>Runs jobs one after another on the thread that calls it.</summary>
public interface IStyleSession : IDisposable
{
    /// <summary>Synchronous; throws <see cref="OperationCanceledException"/> on cancel and <see cref="StyleTransferException"/> on failure.</summary>
    StyleResult Run(RgbImage content, IReadOnlyList<RgbImage> styles, StyleSettings settings, IStyleProgress progress, CancellationToken cancellationToken);
}
