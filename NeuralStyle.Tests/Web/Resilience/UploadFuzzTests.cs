using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;
using Xunit.Abstractions;

namespace NeuralStyle.Tests.Web.Resilience;

/// <summary>
/// Thousands of damaged uploads through the code an upload takes (JobSubmitter, PictureCodec.Decode, ImageLoader),
/// and hundreds through the HTTP API: each is stored or refused with a sentence, quickly, without growing memory.
/// CI runs 2000 and 300 mutants (18 s on a quiet 2-core machine, 64 s at load 20; docs/RESILIENCE.md);
/// NEURALSTYLE_RESILIENCE_SCALE=10 runs 20000 and 3000.
/// The engine's own 150-round corruption test (ImageLoaderRejectionTests) checks the loader alone.
/// </summary>
public sealed class UploadFuzzTests(ITestOutputHelper output) : IDisposable
{
    // A decode is bounded by the upload limits (bytes, pixels) and, for JPEG, ImageLimits.MaxDecodeTime (10 s);
    // a submission past this is reported as a hang rather than waited for. A few hundred bytes of WebP can claim
    // nearly 40 megapixels, which are decoded and stored as PNG: several seconds, more on a busy machine.
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan SlowestBound = TimeSpan.FromSeconds(30);

    // Managed memory after the run against before it, both after a full collection; the job ids the paused queue
    // keeps are a few hundred bytes each.
    private const long MemoryGrowthBound = 32 * 1024 * 1024;

    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder(), concurrency: 0);

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
    }

    [Fact]
    public async Task ThousandsOfMutatedPicturesAreStoredOrRefusedWithASentenceQuicklyAndWithoutGrowingMemory()
    {
        var submitter = factory.Services.GetRequiredService<JobSubmitter>();
        var mutator = new PictureMutator(seed: 4);
        var style = new UploadedPicture("style.png", () => new MemoryStream(TestPictures.Png(16, 16, 220)));
        var settings = new JobSettings { Size = 32, Iterations = 2 };
        foreach (var (format, extension, bytes) in mutator.Originals)
        {
            var result = await submitter.SubmitAsync(new Owner("warm-up"), settings, new UploadedPicture($"original.{extension}", () => new MemoryStream(bytes)), [style]);
            Assert.True(result.Accepted, $"The unmutated {format} was refused: {string.Join(" ", result.Errors.Values.SelectMany(e => e))}");
        }

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var slowest = (Time: TimeSpan.Zero, Recipe: "");
        var refusals = new Dictionary<string, int>();
        var accepted = 0;
        var count = ResilienceScale.Times(2000);
        for (var i = 0; i < count; i++)
        {
            var mutant = mutator.Next();
            var asStyle = i % 4 == 0;
            var upload = new UploadedPicture(mutant.FileName, () => new MemoryStream(mutant.Bytes));
            var clock = Stopwatch.StartNew();
            SubmitResult result;
            try
            {
                // Task.Run: the decode is synchronous inside SubmitAsync, and a hang must fail the test, not stall it.
                result = await Task.Run(() => submitter.SubmitAsync(new Owner($"fuzz-{i}"), settings, asStyle ? style : upload, [asStyle ? upload : style])).WaitAsync(HangAfter);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"Mutant {i} ({mutant.Recipe}) threw {e.GetType().Name} instead of a refusal: {e}");
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(2))
            {
                output.WriteLine($"Slow: mutant {i} took {clock.Elapsed.TotalSeconds:0.0} s and was {(result.Accepted ? "stored" : "refused")} ({mutant.Recipe}).");
            }

            if (clock.Elapsed > slowest.Time)
            {
                slowest = (clock.Elapsed, mutant.Recipe);
            }

            if (result.Accepted)
            {
                accepted++;
                continue;
            }

            var field = asStyle ? "style" : "content";
            var message = Assert.Single(Assert.Single(result.Errors, e => e.Key == field).Value);
            Assert.True(result.Errors.Count == 1, $"Mutant {i} ({mutant.Recipe}) also broke other fields: {string.Join(", ", result.Errors.Keys)}");
            Assert.StartsWith($"'{mutant.FileName}': ", message);
            Assert.Matches("^'[^']+': [A-Z][^\\n]{10,200}\\.$", message);
            var sentence = message[(mutant.FileName.Length + 4)..];
            refusals[sentence] = refusals.GetValueOrDefault(sentence) + 1;
        }

        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"{count} mutants (seed 4): {accepted} stored, {count - accepted} refused; slowest {slowest.Time.TotalMilliseconds:0} ms ({slowest.Recipe}).");
        foreach (var (sentence, times) in refusals.OrderByDescending(r => r.Value))
        {
            output.WriteLine($"  {times,5} x {sentence}");
        }

        output.WriteLine($"Managed memory {memoryBefore / 1048576.0:0.0} MB before, {memoryAfter / 1048576.0:0.0} MB after; working set {Environment.WorkingSet / 1048576.0:0} MB.");
        Assert.True(memoryAfter - memoryBefore < MemoryGrowthBound, $"Managed memory grew by {(memoryAfter - memoryBefore) / 1048576.0:0.0} MB.");
        Assert.True(slowest.Time < SlowestBound, $"The slowest submission took {slowest.Time.TotalSeconds:0.0} s: {slowest.Recipe}");
        Assert.InRange(count - accepted, count / 4, count);
    }

    [Fact]
    public async Task HundredsOfMutatedUploadsThroughTheApiGetAcceptedOrABadRequestWithASentenceAndTheServerStillAnswers()
    {
        var client = factory.CreateClient();
        var mutator = new PictureMutator(seed: 9);
        var statuses = new Dictionary<HttpStatusCode, int>();
        var count = ResilienceScale.Times(300);
        for (var i = 0; i < count; i++)
        {
            var mutant = mutator.Next();
            using var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(mutant.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "content", mutant.FileName);
            form.Add(new ByteArrayContent(TestPictures.Png(16, 16, 220)), "style", "style.png");
            form.Add(new StringContent("32"), "size");
            form.Add(new StringContent("2"), "iterations");

            var response = await client.PostAsync("/api/jobs", form).WaitAsync(HangAfter);
            var body = await response.Content.ReadAsStringAsync();
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.BadRequest, $"Mutant {i} ({mutant.Recipe}) got {(int)response.StatusCode}: {body}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                using var problem = JsonDocument.Parse(body);
                var message = problem.RootElement.GetProperty("errors").GetProperty("content")[0].GetString();
                Assert.Matches("^'[^']+': [A-Z][^\\n]{10,200}\\.$", message);
            }
        }

        output.WriteLine($"{count} mutants (seed 9) through POST /api/jobs: {string.Join(", ", statuses.Select(s => $"{(int)s.Key} x {s.Value}"))}.");
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/jobs", TestPictures.JobForm())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/gallery")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/gallery")).StatusCode);
    }
}
