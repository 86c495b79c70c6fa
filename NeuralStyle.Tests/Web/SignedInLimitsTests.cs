using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Tests.Web;

/// <summary>Signed-in people get their own, higher limits; anonymous people are told when signing in raises one.</summary>
public sealed class SignedInLimitsTests : IDisposable
{
    private readonly AccountsApp app = new(concurrency: 0, settings: new Dictionary<string, string>
    {
        ["NeuralStyle:Jobs:MaxSize"] = "512",
        ["NeuralStyle:Limits:SignedInMaxSize"] = "1536",
        ["NeuralStyle:Limits:WaitingJobsPerPerson"] = "1",
        ["NeuralStyle:Limits:SignedInWaitingJobsPerPerson"] = "3",
        ["NeuralStyle:Limits:RequestsPerMinute"] = "2",
        ["NeuralStyle:Limits:SignedInRequestsPerMinute"] = "50",
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task ASignedInPersonMayAskForMoreThanTheAnonymousSizeButNotMoreThanTheirOwn()
    {
        var alice = await app.SignedInAsync("alice");

        await alice.SubmitAsync(TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "1024", ["iterations"] = "5" }));
        var tooLarge = await alice.PostAsync("/api/jobs", TestPictures.JobForm(new Dictionary<string, string> { ["size"] = "2000", ["iterations"] = "5" }));

        var problem = await tooLarge.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal("The output size must be between 16 and 1536 pixels.", problem!.Errors["size"].Single());
    }

    [Fact]
    public async Task ASignedInPersonMayHaveMoreJobsWaiting()
    {
        var alice = await app.SignedInAsync("alice");

        for (var i = 0; i < 3; i++)
        {
            await alice.SubmitAsync(TestPictures.JobForm());
        }

        var refused = await alice.PostAsync("/api/jobs", TestPictures.JobForm());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("You already have 3 pictures waiting; wait until one starts.", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task AnAnonymousRequestLimitSaysThatSigningInRaisesItWhileASignedInPersonIsNotLimitedYet()
    {
        var anonymous = app.Factory.CreateClient();
        var alice = await app.SignedInAsync("alice");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/gallery")).StatusCode);
        }

        await anonymous.GetAsync("/healthz");
        await anonymous.GetAsync("/api/gallery");
        await anonymous.GetAsync("/api/gallery");
        var refused = await anonymous.GetAsync("/api/gallery");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.EndsWith(" Signing in raises this limit to 50.", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/gallery")).StatusCode);
    }

    [Fact]
    public void TheValidatorTellsAnAnonymousPersonWhatSigningInWouldAllow()
    {
        var validator = app.Factory.Services.GetRequiredService<JobSettingsValidator>();

        var errors = validator.Validate(new JobSettings { Size = 1000 }, new Owner("someone"));

        Assert.Equal("The output size must be between 16 and 512 pixels. Signing in raises this limit to 1536.", errors["size"].Single());
    }
}
