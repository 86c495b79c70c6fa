using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Tests.Web;

/// <summary>
/// The API as a script writer meets it, with tools nobody on this project wrote: Redocly lints the OpenAPI document,
/// and a client generated from it (openapi-typescript, openapi-fetch, TypeScript's compiler) works a job through the
/// application on Kestrel at 127.0.0.1.
/// </summary>
public sealed class ApiClientTests : IDisposable
{
    private readonly StyleAppFactory factory = new(StyleAppFactory.NewDataFolder());
    private readonly string work = Directory.CreateTempSubdirectory("neuralstyle-client-").FullName;

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(factory.DataFolder, recursive: true);
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task TheOpenApiDocumentMeetsRedoclysRecommendedRulesWithoutAnError()
    {
        var document = Path.Combine(work, "openapi.json");
        await File.WriteAllTextAsync(document, await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var (exitCode, output, errors) = await NodeTools.RunAsync(
            ["node_modules/@redocly/cli/bin/cli.js", "lint", document, "--config", "redocly.yaml", "--format", "json"], TimeSpan.FromSeconds(120));

        var report = JsonDocument.Parse(output).RootElement;
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()}").ToList();
        Assert.True(problems.Count == 0, $"Redocly found: {string.Join("; ", problems)}");
        Assert.Equal(0, report.GetProperty("totals").GetProperty("errors").GetInt32());
        Assert.Equal(0, report.GetProperty("totals").GetProperty("warnings").GetInt32());
        Assert.True(exitCode == 0, errors);
    }

    [Fact]
    public async Task AClientGeneratedFromTheDocumentSubmitsWithOnlyItsFieldsFollowsTheJobAndDownloadsTheResult()
    {
        var server = LocalServer.Start(factory);
        using var http = new HttpClient { BaseAddress = server };
        var document = Path.Combine(work, "openapi.json");
        await File.WriteAllTextAsync(document, await http.GetStringAsync("/openapi/v1.json"));
        var (content, style, result) = (Path.Combine(work, "content.png"), Path.Combine(work, "style.png"), Path.Combine(work, "result.png"));
        await File.WriteAllBytesAsync(content, TestPictures.Png(48, 32, 40));
        await File.WriteAllBytesAsync(style, TestPictures.Png(16, 16, 220));

        await Succeeds(NodeTools.RunAsync(["generate.mjs", document, "generated/api.d.ts"], TimeSpan.FromSeconds(60)), "openapi-typescript");
        await Succeeds(NodeTools.RunAsync(["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], TimeSpan.FromSeconds(120)), "tsc (the client against the document's types)");
        var run = await Succeeds(NodeTools.RunAsync(["out/client.js", server.ToString().TrimEnd('/'), content, style, result], TimeSpan.FromSeconds(60)), "the client");

        var report = JsonDocument.Parse(run.Trim().Split('\n')[^1]).RootElement;
        var id = report.GetProperty("id").GetGuid();
        Assert.Contains(id, report.GetProperty("listed").EnumerateArray().Select(j => j.GetGuid()));
        Assert.Equal("succeeded", report.GetProperty("state").GetString());
        Assert.Equal(32, report.GetProperty("size").GetInt32());
        Assert.Equal("luminance", report.GetProperty("colour").GetString());
        Assert.Equal("image/png", report.GetProperty("resultType").GetString());
        Assert.Equal((32, 21), TestPictures.SizeOf(await File.ReadAllBytesAsync(result)));
        Assert.Equal(404, report.GetProperty("missingStatus").GetInt32());
        Assert.Equal("No such job.", report.GetProperty("missingTitle").GetString());
        // What it left out kept the server's defaults (the README's): ResNet18, L-BFGS, and private (so this test reads
        // the store: to another client without the generated one's cookie the job does not exist).
        var job = (await factory.Services.GetRequiredService<JobStore>().FindAsync(id))!;
        var stored = JobStore.SettingsOf(job);
        Assert.Equal((5, "resnet18", OptimizerKind.Lbfgs, true), (stored.Iterations, stored.Backbone, stored.Optimizer, job.Private));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/jobs/{id}")).StatusCode);
    }

    private static async Task<string> Succeeds(Task<(int ExitCode, string Output, string Errors)> running, string what)
    {
        var (exitCode, output, errors) = await running;
        Assert.True(exitCode == 0, $"{what} failed ({exitCode}): {output} {errors}");
        return output;
    }
}
