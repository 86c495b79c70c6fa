using Microsoft.EntityFrameworkCore;

namespace NeuralStyle.Web.Data;

/// <summary>
/// Applies pending migrations before the job worker starts (hosted services start in registration order), and puts the
/// database in write-ahead-log mode: a crash mid-write then loses at most the last transaction, and readers (the gallery)
/// do not wait for the worker's writes. The mode is stored in the database file, so setting it at each start suffices.
/// </summary>
internal sealed class DatabaseMigrator(IDbContextFactory<StyleDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
