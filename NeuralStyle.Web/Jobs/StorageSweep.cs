using NeuralStyle.Web.Data;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Jobs;

/// <summary>
/// At start, before any request or run: brings the database and the picture folders back into agreement after a crash.
/// A succeeded job whose result file is gone is failed with the reason, picture folders no job owns are removed, and
/// the temporary files of interrupted writes are deleted. Runs after the migrator and before the worker (hosted
/// services start in registration order).
/// </summary>
internal sealed class StorageSweep(JobStore store, PictureStore pictures, ILogger<StorageSweep> logger) : IHostedService
{
    public const string ResultLost = "The result file was lost; run it again.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var unfinished = pictures.DeleteUnfinishedWrites();

        var succeeded = await store.IdsAsync(JobState.Succeeded, cancellationToken);
        var lost = succeeded.Where(id => !pictures.Exists(id, PictureKind.Result)).ToList();
        if (lost.Count > 0)
        {
            await store.MarkResultsLostAsync(lost, ResultLost, cancellationToken);
        }

        var known = (await store.IdsAsync(cancellationToken: cancellationToken)).ToHashSet();
        var orphans = pictures.Folders().Where(id => !known.Contains(id)).ToList();
        orphans.ForEach(pictures.DeleteAll);

        if (unfinished + lost.Count + orphans.Count > 0)
        {
            logger.LogWarning(
                "Start-up sweep: {Lost} results were missing (jobs failed), {Orphans} picture folders had no job (removed), {Unfinished} unfinished writes removed",
                lost.Count, orphans.Count, unfinished);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
