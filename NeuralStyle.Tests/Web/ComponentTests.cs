using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NeuralStyle.Web.Components.Pages;
using NeuralStyle.Web.Components.Shared;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Tests.Web;

/// <summary>The pages rendered by bUnit over the real application services (scripted engine, temporary data folder).</summary>
public sealed class ComponentTests : IAsyncLifetime
{
    private readonly BunitApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public void LossChartDrawsContentStyleAndTotalWithHigherLossesHigherUp()
    {
        LossPoint[] points = [new(1, 100, 1e4, 0, 1e7), new(2, 10, 1e3, 0, 1e6), new(3, 1, 1e2, 0, 1e5)];

        var chart = app.Context.Render<LossChart>(p => p.Add(c => c.Points, points).Add(c => c.Iterations, 3));

        var lines = chart.FindAll("polyline");
        Assert.Equal(["content", "style", "total"], lines.Select(l => l.GetAttribute("data-series")));
        var total = lines[2].GetAttribute("points")!.Split(' ').Select(xy => double.Parse(xy.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, total.Count);
        Assert.True(total[0] < total[1] && total[1] < total[2], "falling losses must be drawn going down");
        // Log scale: each tenfold drop moves the line by the same height.
        Assert.Equal(total[1] - total[0], total[2] - total[1], 1);
    }

    [Fact]
    public void LossChartWithoutPointsSaysWhenItWillAppear()
    {
        var chart = app.Context.Render<LossChart>(p => p.Add(c => c.Points, []).Add(c => c.Iterations, 10));

        Assert.Contains("The curve appears after the first step.", chart.Markup);
        Assert.Empty(chart.FindAll("polyline"));
    }

    [Fact]
    public async Task JobPageTellsAWaitingJobHowManyAreAhead()
    {
        app.Factory.Scripted.Gate.Reset();
        var first = await Submit("alice");
        var second = await Submit("bob");
        var third = await Submit("carol");

        var page = app.Context.Render<Job>(p => p.Add(c => c.Id, third).AddCascadingValue(new Owner("carol")));

        await page.WaitForAssertionAsync(() => Assert.Contains("one job is ahead of it", page.Find("[data-testid=queue-position]").TextContent), TimeSpan.FromSeconds(10));
        Assert.NotNull(page.Find("[data-testid=cancel]"));
        app.Factory.Scripted.Gate.Set();
        await page.WaitForAssertionAsync(() => Assert.NotNull(page.Find("[data-testid=result]")), TimeSpan.FromSeconds(20));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task JobPageFollowsARunToItsResultWithoutReloading()
    {
        app.Factory.Scripted.Gate.Reset();
        app.Factory.Scripted.IterationTime = TimeSpan.FromMilliseconds(20);
        var id = await Submit("alice", iterations: 30);
        var page = app.Context.Render<Job>(p => p.Add(c => c.Id, id).AddCascadingValue(new Owner("someone else")));
        Assert.Empty(page.FindAll("[data-testid=cancel]"));

        app.Factory.Scripted.Gate.Set();

        await page.WaitForAssertionAsync(() => Assert.Contains("Step", page.Find("[data-testid=progress-text]").TextContent), TimeSpan.FromSeconds(10));
        await page.WaitForAssertionAsync(() => Assert.Equal($"/api/jobs/{id}/result", page.Find("[data-testid=result]").GetAttribute("src")), TimeSpan.FromSeconds(20));
        Assert.Equal("30", page.Find("[data-testid=loss-chart]").GetAttribute("data-points"));
        Assert.Equal("Done", page.Find("[data-testid=state]").TextContent.Trim());
    }

    [Fact]
    public async Task CancelingSaysSoUntilTheJobHasStoppedAndThenOnlyThatItWasCanceled()
    {
        app.Factory.Scripted.Gate.Reset();
        var id = await Submit("alice", iterations: 50);
        var page = app.Context.Render<Job>(p => p.Add(c => c.Id, id).AddCascadingValue(new Owner("alice")));
        // Running, held at the gate before its first step (the page may first show it queued: the worker races the render).
        await page.WaitForAssertionAsync(() => Assert.Contains("The first frame appears after a few steps", page.Find("[data-testid=no-frame]").TextContent), TimeSpan.FromSeconds(10));

        await page.Find("[data-testid=cancel]").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.NotNull(page.Find("[data-testid=canceled]")), TimeSpan.FromSeconds(10));
        Assert.Equal("Canceled", page.Find("[data-testid=state]").TextContent.Trim());
        Assert.Equal("It was canceled before its first picture.", page.Find("[data-testid=no-frame]").TextContent.Trim());
        Assert.DoesNotContain("Canceling", page.Markup);
        Assert.DoesNotContain("The first frame appears", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=cancel]"));
        app.Factory.Scripted.Gate.Set();
    }

    [Fact]
    public async Task ARunningJobsCancelButtonSaysCancelingUntilItStops()
    {
        // Steps of a second: the stop comes well after the press, whose own refresh still finds the job running.
        app.Factory.Scripted.IterationTime = TimeSpan.FromSeconds(1);
        var id = await Submit("alice", iterations: 100);
        var page = app.Context.Render<Job>(p => p.Add(c => c.Id, id).AddCascadingValue(new Owner("alice")));
        await page.WaitForAssertionAsync(() => Assert.NotNull(page.Find("[data-testid=progress-text]")), TimeSpan.FromSeconds(10));

        await page.Find("[data-testid=cancel]").ClickAsync(new());

        // The worker stops at the end of the step it is in: until then the button says what is happening and takes no second press.
        var button = page.Find("[data-testid=cancel]");
        Assert.Equal("Canceling…", button.TextContent.Trim());
        Assert.True(button.HasAttribute("disabled"));
        await page.WaitForAssertionAsync(() => Assert.NotNull(page.Find("[data-testid=canceled]")), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("Canceling", page.Markup);
        Assert.Equal("Last picture", page.FindAll("h2").First().TextContent);
    }

    [Fact]
    public async Task AnAnimatedGifIsTakenWithANoteThatOnlyItsFirstFrameIsUsed()
    {
        var page = app.Context.Render<Create>(p => p.AddCascadingValue(new Owner("alice")));

        page.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(AnimatedPictureTests.Gif(frames: 3), "dancing.gif"));

        await page.WaitForAssertionAsync(() => Assert.Equal("'dancing.gif' is an animation: only its first frame is used.", page.Find("[data-testid=content-notice]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=content-preview]"));

        page.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(TestPictures.Png(40, 30, 0), "photo.png"));

        await page.WaitForAssertionAsync(() => Assert.Empty(page.FindAll("[data-testid=content-notice]")));
    }

    [Fact]
    public async Task CreatePageStartsAJobFromUploadedPicturesAndOpensIt()
    {
        var page = app.Context.Render<Create>(p => p.AddCascadingValue(new Owner("alice")));
        Assert.True(page.Find("[data-testid=start]").HasAttribute("disabled"));

        page.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(TestPictures.Png(40, 30, 0), "photo.png"));
        page.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>()[1].UploadFiles(InputFileContent.CreateFromBinary(TestPictures.Png(20, 20, 200), "painting.png"));
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=style-preview]")));
        Assert.StartsWith("data:image/jpeg;base64,", page.Find("[data-testid=content-preview]").GetAttribute("src"));
        await page.Find("[data-testid=start]").ClickAsync(new());

        var navigation = app.Context.Services.GetRequiredService<NavigationManager>();
        await page.WaitForAssertionAsync(() => Assert.Matches("/jobs/[0-9a-f-]{36}$", navigation.Uri));
        var id = Guid.Parse(navigation.Uri[^36..]);
        var job = await app.Factory.Services.GetRequiredService<JobStore>().FindAsync(id);
        Assert.Equal("alice", job!.OwnerId);
        Assert.True(job.Private, "A picture is shown to others only when its maker switches that on.");
        var settings = JobStore.SettingsOf(job);
        // The slider starts in the middle: the network's recommended beta (ResNet18: 1e5, the scripted engine says the same).
        Assert.Equal(1e5, settings.StyleWeight, 6);
        Assert.Equal(1, settings.ContentWeight);
    }

    [Fact]
    public async Task CreatePageExplainsARejectedPicture()
    {
        var page = app.Context.Render<Create>(p => p.AddCascadingValue(new Owner("alice")));

        page.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>()[0].UploadFiles(InputFileContent.CreateFromText("not a picture", "notes.txt"));

        await page.WaitForAssertionAsync(() => Assert.StartsWith("'notes.txt': ", page.Find("[data-testid=errors]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=content-preview]"));
    }

    [Fact]
    public async Task CreatePageIsPrefilledFromAnEarlierJob()
    {
        var earlier = await Submit("alice", iterations: 3, size: 48);
        var navigation = app.Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/?from={earlier}");

        var page = app.Context.Render<Create>(p => p.AddCascadingValue(new Owner("bob")));

        Assert.NotNull(page.Find("[data-testid=content-preview]"));
        Assert.Single(page.FindAll("[data-testid=style-preview]"));
        var size = page.FindComponents<MudNumericField<int>>().Single(f => f.Instance.Label == "Output size (pixels)");
        Assert.Equal("48", size.Find("input").GetAttribute("value"));
    }

    [Fact]
    public async Task GalleryDetailShowsSettingsAndOffersDeleteOnlyToTheOwner()
    {
        var id = await Submit("alice", iterations: 4);
        var client = app.Factory.CreateClient();
        await client.WaitUntilFinishedAsync(id);

        var mine = app.Context.Render<GalleryItem>(p => p.Add(c => c.Id, id).AddCascadingValue(new Owner("alice")));
        var theirs = app.Context.Render<GalleryItem>(p => p.Add(c => c.Id, id).AddCascadingValue(new Owner("bob")));

        Assert.Equal("ResNet18", mine.Find("[data-testid=network]").TextContent);
        Assert.Equal($"/create?from={id}", mine.Find("[data-testid=reuse]").GetAttribute("href"));
        Assert.NotNull(mine.Find("[data-testid=delete]"));
        Assert.Empty(theirs.FindAll("[data-testid=delete]"));
    }

    [Fact]
    public void CreatePageUsesABundledSampleWithOneClick()
    {
        var page = app.Context.Render<Create>(p => p.AddCascadingValue(new Owner("alice")));

        page.Find("button[aria-label='Chelsea the cat']").Click();
        page.Find("button[aria-label='The Starry Night (Vincent van Gogh, 1889)']").Click();

        page.WaitForAssertion(() =>
        {
            Assert.StartsWith("data:image/jpeg;base64,", page.Find("[data-testid=content-preview]").GetAttribute("src"));
            Assert.Single(page.FindAll("[data-testid=style-preview]"));
            Assert.False(page.Find("[data-testid=start]").HasAttribute("disabled"));
        });
    }

    [Fact]
    public async Task StatusPageShowsTheDeviceTheNetworksAndTheQueue()
    {
        app.Factory.Scripted.Gate.Reset();
        await Submit("alice");
        await Submit("bob");

        var page = app.Context.Render<Status>();

        Assert.Contains("scripted cpu", page.Find("[data-testid=device]").TextContent);
        Assert.Contains("VGG19: not ready: its weights are not on this server yet; see \"VGG19 weights\" below.", page.FindAll("[data-testid=backbone]")[1].TextContent);
        await page.WaitForAssertionAsync(() => Assert.Contains("1 running, 1 waiting", page.Find("[data-testid=queue]").TextContent), TimeSpan.FromSeconds(10));
        app.Factory.Scripted.Gate.Set();
        await page.WaitForAssertionAsync(() => Assert.Contains("2 pictures finished", page.Find("[data-testid=throughput]").TextContent), TimeSpan.FromSeconds(20));
    }

    private async Task<Guid> Submit(string owner, int iterations = 5, int size = 32)
    {
        var submitter = app.Factory.Services.GetRequiredService<JobSubmitter>();
        var result = await submitter.SubmitAsync(
            new Owner(owner),
            new JobSettings { Size = size, Iterations = iterations },
            new UploadedPicture("photo.png", () => new MemoryStream(TestPictures.Png(40, 30, 0))),
            [new UploadedPicture("painting.png", () => new MemoryStream(TestPictures.Png(16, 16, 200)))],
            isPrivate: false);
        return result.JobId!.Value;
    }
}
