using System.Text.Json;
using NeuralStyle.Web.Data;

namespace NeuralStyle.Tests.Web;

/// <summary>The progress hub as SignalR's own JavaScript client sees it, against the application on Kestrel at 127.0.0.1.</summary>
public sealed class HubJavaScriptClientTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());

    public void Dispose()
    {
        factory.Scripted.Gate.Set();
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task TheJavaScriptClientHearsEveryEventALateWatcherHearsFinishedAndABadIdIsRefusedWithASentence()
    {
        var server = LocalServer.Start(factory);
        using var http = new HttpClient { BaseAddress = server };
        factory.Scripted.Gate.Reset();
        // The first job holds the worker at the gate, so the watched one is still waiting when the client subscribes.
        var first = await http.SubmitAsync(TestPictures.JobForm());
        await http.WaitForAsync(first.Id, s => s.State == JobState.Running);
        // Shown to everyone: the JavaScript client is another visitor, without this client's cookie.
        var created = await http.SubmitAsync(TestPictures.PublicJobForm(new Dictionary<string, string> { ["size"] = "32", ["iterations"] = "12", ["previewEvery"] = "4" }));

        var (exitCode, output, errors) = await NodeTools.RunAsync(["hub.mjs", server.ToString().TrimEnd('/'), created.Id.ToString()], TimeSpan.FromSeconds(60), line =>
        {
            if (line == "subscribed")
            {
                factory.Scripted.Gate.Set();
            }
        });

        Assert.True(exitCode == 0, $"hub.mjs failed ({exitCode}): {output} {errors}");
        var report = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        var names = report.GetProperty("names").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Equal("queued", report.GetProperty("subscribedState").GetString());
        Assert.Equal("started", names[0]);
        Assert.Equal("finished", names[^1]);
        Assert.Contains("progress", names);
        Assert.Contains("frame", names);
        var stored = await http.StatusAsync(created.Id);
        Assert.Equal(JobState.Succeeded, stored.State);
        Assert.Equal(stored.Device, report.GetProperty("started").GetProperty("device").GetString());
        Assert.Equal(12, report.GetProperty("lastProgress").GetProperty("iteration").GetInt32());
        Assert.Equal("succeeded", report.GetProperty("ended").GetProperty("state").GetString());
        Assert.Equal("succeeded", report.GetProperty("lateState").GetString());
        Assert.Equal("succeeded", report.GetProperty("lateEnded").GetProperty("state").GetString());
        Assert.Equal(created.Id, report.GetProperty("lateEnded").GetProperty("jobId").GetGuid());
        var refusals = report.GetProperty("refusals").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("\"abc\" is not a job id: give the id that POST /api/jobs answered", refusals[0]);
        Assert.Contains("42 is not a job id: give the id that POST /api/jobs answered", refusals[1]);
    }
}
