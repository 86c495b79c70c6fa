using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using NeuralStyle.Web.Engine;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Tests.Web;

/// <summary>A bUnit context over the real application's singletons (scripted engine, temporary data folder).</summary>
public sealed class BunitApp : IAsyncDisposable
{
    public BunitApp(IReadOnlyDictionary<string, string>? settings = null)
    {
        Factory = new StyleAppFactory(StyleAppFactory.NewDataFolder(), settings: settings);
        _ = Factory.Server;
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        // The application's own singletons; the whole provider cannot be a fallback (it holds Blazor's scoped services too).
        Share<JobSubmitter>();
        Share<NeuralStyle.Web.Limits.SubmissionRateLimiter>();
        Share<JobStore>();
        Share<JobStatusReader>();
        Share<JobNotifier>();
        Share<JobCanceller>();
        Share<JobQueue>();
        Share<LiveJobs>();
        Share<GalleryEditor>();
        Share<PictureStore>();
        Share<PictureCodec>();
        Share<SampleCatalog>();
        Share<IStyleEngine>();
        Share<NeuralStyle.Web.Models.ModelDownloads>();
        Share<IOptions<JobOptions>>();
        Share<IOptions<UploadOptions>>();
        Share<IOptions<NeuralStyle.Web.Accounts.AccountOptions>>();
        Share<IOptions<NeuralStyle.Web.Engine.EngineOptions>>();
        Share<NeuralStyle.Web.Limits.PersonLimits>();
        Context.Render<MudPopoverProvider>();
    }

    public StyleAppFactory Factory { get; }

    public BunitContext Context { get; } = new();

    /// <summary>Waits until the job has ended, reading the store (a private job is not found through the API by a test's client).</summary>
    public async Task<NeuralStyle.Web.Data.JobEntity> FinishedAsync(Guid id, double seconds = 20)
    {
        var store = Factory.Services.GetRequiredService<JobStore>();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var job = (await store.FindAsync(id))!;
            if (job.State is not (NeuralStyle.Web.Data.JobState.Queued or NeuralStyle.Web.Data.JobState.Running))
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Job {id} stayed {job.State}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Factory.DisposeAsync();
        Directory.Delete(Factory.DataFolder, recursive: true);
    }

    private void Share<T>()
        where T : class => Context.Services.AddSingleton(Factory.Services.GetRequiredService<T>());
}
