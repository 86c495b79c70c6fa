using Microsoft.EntityFrameworkCore;

namespace NeuralStyle.Web.Data;

/// <summary>Applies pending migrations before the job worker starts (hosted services start in registration order).</summary>
internal sealed class DatabaseMigrator(IDbContextFactory<StyleDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
