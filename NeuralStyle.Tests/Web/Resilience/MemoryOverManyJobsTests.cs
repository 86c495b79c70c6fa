using System.Collections.Concurrent;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Engine;
using TorchSharp;
using Xunit.Abstractions;

namespace NeuralStyle.Tests.Web.Resilience;

/// <summary>
/// Many small real-engine jobs in a row in one application: after the first (which loads ResNet18), the worker
/// thread's live tensors, the managed heap and the process's working set stay where they were. CI runs 30 jobs at
/// 32 px (9 s on a quiet 2-core machine, 15 s at load 20); NEURALSTYLE_RESILIENCE_SCALE=10 runs 300.
/// </summary>
public sealed class MemoryOverManyJobsTests(ITestOutputHelper output) : IDisposable
{
    // Bounds on the growth from after job 1 to after the last job. Tensors: none may outlive its job. The heaps get
    // room for allocator and JIT noise, not for anything kept per job (a kept 32 px result alone is 3 KB a job,
    // a kept backbone 45 MB).
    private const long ManagedGrowthBound = 16 * 1024 * 1024;
    private const long WorkingSetGrowthBound = 96 * 1024 * 1024;

    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder(), realEngine: true);

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task ThirtyJobsInARowLeaveTheLiveTensorsTheManagedHeapAndTheWorkingSetWhereTheFirstLeftThem()
    {
        var counted = new ConcurrentQueue<long>();
        using var app = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStyleEngine>(provider => new TensorCountingEngine(ActivatorUtilities.CreateInstance<TorchStyleEngine>(provider), counted))));
        var client = app.CreateClient();
        var form = new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "4", ["seed"] = "3", ["previewEvery"] = "2" };
        var jobs = ResilienceScale.Times(30);

        (long Managed, long WorkingSet) first = default;
        for (var i = 0; i < jobs; i++)
        {
            var created = await client.SubmitAsync(TestPictures.JobForm(form));
            var status = await client.WaitUntilFinishedAsync(created.Id, seconds: 240);
            Assert.True(status.State == JobState.Succeeded, $"Job {i + 1}: {status.State} {status.Error}");
            if (i == 0)
            {
                first = Measure();
            }
        }

        var last = Measure();
        var tensors = counted.ToArray();
        output.WriteLine($"{jobs} jobs at 32 px, 4 iterations. After job 1 / after job {jobs}:");
        output.WriteLine($"  live tensors on the worker thread {tensors[0]} / {tensors[^1]}");
        output.WriteLine($"  managed heap {first.Managed / 1048576.0:0.0} MB / {last.Managed / 1048576.0:0.0} MB");
        output.WriteLine($"  working set {first.WorkingSet / 1048576.0:0} MB / {last.WorkingSet / 1048576.0:0} MB");

        Assert.Equal(jobs, tensors.Length);
        Assert.All(tensors.Skip(1), count => Assert.Equal(tensors[0], count));
        Assert.True(last.Managed - first.Managed < ManagedGrowthBound, $"The managed heap grew by {(last.Managed - first.Managed) / 1048576.0:0.0} MB.");
        Assert.True(last.WorkingSet - first.WorkingSet < WorkingSetGrowthBound, $"The working set grew by {(last.WorkingSet - first.WorkingSet) / 1048576.0:0} MB.");
    }

    private static (long Managed, long WorkingSet) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return (managed, self.WorkingSet64);
    }

    /// <summary>The real engine, reading TorchSharp's live tensor count after each run on the worker thread (the count is per thread).</summary>
    private sealed class TensorCountingEngine(IStyleEngine inner, ConcurrentQueue<long> counted) : IStyleEngine
    {
        public string DeviceName => inner.DeviceName;

        public IReadOnlyList<BackboneInfo> Backbones() => inner.Backbones();

        public IReadOnlyDictionary<string, string> Recipe(StyleSettings settings) => inner.Recipe(settings);

        public int? LargestSize(StyleSettings settings, double aspect, int styleCount) => inner.LargestSize(settings, aspect, styleCount);

        public IStyleSession OpenSession() => new Session(inner.OpenSession(), counted);

        private sealed class Session(IStyleSession inner, ConcurrentQueue<long> counted) : IStyleSession
        {
            public StyleResult Run(RgbImage content, IReadOnlyList<RgbImage> styles, StyleSettings settings, IStyleProgress progress, CancellationToken cancellationToken)
            {
                var result = inner.Run(content, styles, settings, progress, cancellationToken);
                counted.Enqueue(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
                return result;
            }

            public void Dispose() => inner.Dispose();
        }
    }
}
