using NeuralStyle.Web.Limits;

namespace NeuralStyle.Web.Jobs;

public static class JobRegistration
{
    /// <summary>The queue, the worker that owns every run, and what reports their progress.</summary>
    public static IHostApplicationBuilder AddNeuralStyleJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddSingleton<JobNotifier>();
        builder.Services.AddSingleton<LiveJobs>();
        builder.Services.AddSingleton<RunningJobs>();
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<JobSettingsValidator>();
        builder.Services.AddSingleton<PersonLimits>();
        builder.Services.AddSingleton<WaitingJobsLimit>();
        builder.Services.AddSingleton<JobSubmitter>();
        builder.Services.AddSingleton<JobCanceller>();
        builder.Services.AddSingleton<JobStatusReader>();
        builder.Services.AddSingleton<GalleryEditor>();
        builder.Services.AddHostedService<StorageSweep>();
        builder.Services.AddHostedService<JobWorker>();
        return builder;
    }
}
