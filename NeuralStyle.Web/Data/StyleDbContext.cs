using Microsoft.EntityFrameworkCore;

namespace NeuralStyle.Web.Data;

/// <summary>Jobs, their settings and loss curves, and accounts on shared servers; pictures live as files beside the database (see PictureStore).</summary>
public sealed class StyleDbContext(DbContextOptions<StyleDbContext> options) : DbContext(options)
{
    public DbSet<JobEntity> Jobs => Set<JobEntity>();

    public DbSet<JobStepEntity> Steps => Set<JobStepEntity>();

    public DbSet<UserEntity> Users => Set<UserEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var job = modelBuilder.Entity<JobEntity>();
        job.HasKey(j => j.Id);
        job.Property(j => j.OwnerId).HasMaxLength(64);
        job.Property(j => j.ShareKey).HasMaxLength(32);
        // The gallery's "mine" view and signing in (which adopts the browser's pictures) look jobs up by owner.
        job.HasIndex(j => j.OwnerId);
        job.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        // SQLite cannot order DateTimeOffset; store UTC ticks so the queue and the gallery can sort in SQL.
        job.Property(j => j.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        job.Property(j => j.StartedAt).HasConversion(v => v.HasValue ? v.Value.UtcTicks : (long?)null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
        job.Property(j => j.FinishedAt).HasConversion(v => v.HasValue ? v.Value.UtcTicks : (long?)null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
        job.HasIndex(j => new { j.State, j.CreatedAt });
        job.HasMany(j => j.Steps).WithOne().HasForeignKey(s => s.JobId).OnDelete(DeleteBehavior.Cascade);

        modelBuilder.Entity<JobStepEntity>().HasKey(s => new { s.JobId, s.Iteration });

        var user = modelBuilder.Entity<UserEntity>();
        user.HasKey(u => u.Id);
        user.Property(u => u.Name).HasMaxLength(64);
        user.Property(u => u.NormalizedName).HasMaxLength(64);
        user.HasIndex(u => u.NormalizedName).IsUnique();
        user.Property(u => u.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
    }
}
