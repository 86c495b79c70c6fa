using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Engine;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Limits;
using NeuralStyle.Web.Owners;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Components.Pages;

public partial class Create
{
    private static readonly JobSettings JobDefaults = new();
    private readonly List<PictureSlot> styles = [];
    private Dictionary<string, string[]> errors = [];

    /// <summary>What a picked picture's field should know that is no error (an animation cut to its first frame), by field.</summary>
    private Dictionary<string, string> notices = [];
    private EditableSettings settings = new(new JobSettings());
    private PictureSlot? content;
    private double balance = 50;
    private ExploreAxis exploreAxis = ExploreAxis.ContentStyleRatio;
    private int exploreCount = new JobSettings().ExploreCount;
    private bool submitting;
    private bool isPublic;
    private (Severity Severity, string Text)? recipeMessage;
    private (string Name, StyleRecipe Recipe)? offeredRecipe;

    /// <summary>Per network, the largest size this server's memory holds for a square picture and one style; absent where unknown.</summary>
    private IReadOnlyDictionary<string, int> largestSizes = new Dictionary<string, int>();

    /// <summary>Restored weights, submitted exactly as long as the slider and network stay where the restore put them.</summary>
    private (double Position, string Backbone, double ContentWeight, double StyleWeight)? restored;

    [Inject]
    private JobSubmitter Submitter { get; set; } = default!;

    [Inject]
    private JobStore Store { get; set; } = default!;

    [Inject]
    private PictureStore Pictures { get; set; } = default!;

    [Inject]
    private PictureCodec Codec { get; set; } = default!;

    [Inject]
    private SampleCatalog SampleCatalog { get; set; } = default!;

    [Inject]
    private IStyleEngine Engine { get; set; } = default!;

    [Inject]
    private PersonLimits Limits { get; set; } = default!;

    [Inject]
    private IOptions<AccountOptions> Accounts { get; set; } = default!;

    [Inject]
    private IOptions<UploadOptions> UploadOptions { get; set; } = default!;

    [Inject]
    private IOptions<EngineOptions> EngineOptions { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Owner Owner { get; set; } = default!;

    /// <summary>A job whose settings and pictures pre-fill the page ("use these settings again"); read as text, so a bad link gets a sentence.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    /// <summary>With <see cref="From"/> an explore job: the variant whose settings to paint at full size.</summary>
    [SupplyParameterFromQuery(Name = "sketch")]
    public string? Sketch { get; set; }

    protected override async Task OnInitializedAsync()
    {
        // The server's first call measures each network once (a forward pass at 128 px); later ones are arithmetic.
        largestSizes = Engine.Backbones()
            .Where(b => b.Ready)
            .Select(b => (b.Name, Largest: Engine.LargestSize(new StyleSettings { Backbone = b.Name }, 1, 1)))
            .Where(b => b.Largest is not null)
            .ToDictionary(b => b.Name, b => b.Largest!.Value);
        if (From is null && Sketch is null)
        {
            return;
        }

        if (BadLink() is { } bad)
        {
            errors["link"] = [$"This link is not valid: {bad} You can start afresh below."];
            return;
        }

        var id = Guid.Parse(From!);
        if (await Store.FindAsync(id) is not { } job || !JobAccess.CanSee(job, Owner))
        {
            errors["link"] = ["This link's picture is not here any more (it may have been deleted). You can start afresh below."];
            return;
        }

        Restore(Chosen(JobStore.SettingsOf(job)));
        content = Slot("content.png", Pictures.Open(id, PictureKind.Content), "content");
        for (var i = 0; i < job.StyleCount; i++)
        {
            if (Slot($"style-{i + 1}.png", Pictures.Open(id, PictureKind.Style, i), "style") is { } style)
            {
                styles.Add(style);
            }
        }
    }

    private string SizeHint =>
        "Length of the picture's long side. Bigger is sharper but much slower." +
        (largestSizes.TryGetValue(settings.Backbone, out var largest) && largest < Allowance.MaxSize
            ? $" This server's memory holds up to about {largest} px with this network."
            : "");

    /// <summary>What is wrong with the "from" link's query, as the end of a sentence; null when it can be followed.</summary>
    private string? BadLink() =>
        From is null ? "it names a sketch but not the picture it belongs to."
        : !Guid.TryParse(From, out _) ? $"'{From}' is not the id of a picture."
        : Sketch is not null && !int.TryParse(Sketch, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) ? $"'{Sketch}' is not the number of a sketch."
        : null;

    /// <summary>
    /// The settings a "from" link brings: the job's own, or with <see cref="Sketch"/> that variant's at full size. Either
    /// way it opens as a painting, with the explore choices kept for another grid.
    /// </summary>
    private JobSettings Chosen(JobSettings job)
    {
        (exploreAxis, exploreCount) = (job.ExploreAxis, job.ExploreCount);
        if (Sketch is not null && JobSketchFullSize(job, int.Parse(Sketch, System.Globalization.CultureInfo.InvariantCulture)) is { } full)
        {
            return JobSettings.From(full) with { PreviewEvery = job.PreviewEvery };
        }

        return job with { Kind = JobKind.Paint };
    }

    private static StyleSettings? JobSketchFullSize(JobSettings job, int index)
    {
        try
        {
            return JobSketches.Plan(job).FirstOrDefault(s => s.Index == index)?.FullSize;
        }
        catch (StyleTransferException)
        {
            return null;
        }
    }

    /// <summary>On a server with accounts, the form is for signed-in people; everyone else is asked to sign in.</summary>
    private bool MustSignIn => Accounts.Value.Enabled && !Owner.SignedIn;

    private string SignInLink => $"{AccountEndpoints.SignInPage}?returnUrl={Uri.EscapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri) is { Length: > 0 } here ? "/" + here : "/")}";

    private string RegisterLink => SignInLink.Replace(AccountEndpoints.SignInPage, AccountEndpoints.RegisterPage, StringComparison.Ordinal);

    private Allowance Allowance => Limits.For(Owner);

    /// <summary>The slider's scale, centred on the chosen network's recommended style weight.</summary>
    private ContentStyleBalance Scale =>
        new(Engine.Backbones().FirstOrDefault(b => b.Name == settings.Backbone)?.RecommendedStyleWeight ?? BackboneCatalog.RecommendedStyleWeight(settings.Backbone));

    /// <summary>The slider's position read out by screen readers.</summary>
    private string BalanceWords => $"{balance:0} of 100: " + (balance < 50 ? "more style" : balance > 50 ? "more of the photo" : "the recommended middle");

    private void Restore(JobSettings chosen)
    {
        settings = new EditableSettings(chosen);
        balance = Scale.Position(chosen.ContentWeight, chosen.StyleWeight);
        restored = (balance, chosen.Backbone, chosen.ContentWeight, chosen.StyleWeight);
    }

    private void RemoveStyle(PictureSlot style)
    {
        var index = styles.IndexOf(style);
        settings.RemoveStyle(index);
        styles.RemoveAt(index);
    }

    private async Task PickContent(InputFileChangeEventArgs e)
    {
        errors = [];
        notices.Remove("content");
        content = await Read(e.File, "content") ?? content;
    }

    private async Task PickStyles(InputFileChangeEventArgs e)
    {
        errors = [];
        notices.Remove("style");
        foreach (var file in e.GetMultipleFiles(UploadOptions.Value.MaxStylePictures))
        {
            if (await Read(file, "style") is { } style)
            {
                styles.Add(style);
            }
        }
    }

    private void UseSample(SamplePicture sample)
    {
        errors = [];
        notices.Remove(sample.Kind);
        if (Slot(sample.File, SampleCatalog.Open(sample.File), sample.Kind) is not { } slot)
        {
            return;
        }

        if (sample.Kind == "content")
        {
            content = slot;
        }
        else
        {
            styles.Add(slot);
        }
    }

    private async Task<PictureSlot?> Read(IBrowserFile file, string field)
    {
        if (file.Size > UploadOptions.Value.MaxBytes)
        {
            errors[field] = [$"'{file.Name}' is {file.Size / 1_000_000.0:0.#} MB; pictures up to {UploadOptions.Value.MaxBytes / 1_000_000.0:0.#} MB are accepted."];
            return null;
        }

        using var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream(UploadOptions.Value.MaxBytes))
        {
            await stream.CopyToAsync(buffer);
        }

        var slot = Slot(file.Name, buffer.ToArray(), field);
        if (slot is not null)
        {
            NoticeRecipe(file.Name, slot.Bytes);
        }

        return slot;
    }

    private PictureSlot? Slot(string name, Stream? stream, string field)
    {
        if (stream is null)
        {
            return null;
        }

        using (stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return Slot(name, buffer.ToArray(), field);
        }
    }

    private PictureSlot? Slot(string name, byte[] bytes, string field)
    {
        try
        {
            var image = Codec.Decode(new MemoryStream(bytes));
            var preview = "data:image/jpeg;base64," + Convert.ToBase64String(Codec.Thumbnail(image, 320));
            if (AnimatedPicture.IsAnimated(bytes))
            {
                notices[field] = $"'{name}' is an animation: only its first frame is used.";
            }

            return new PictureSlot(name, bytes, preview, image.Width, image.Height);
        }
        catch (ImageRejectedException e)
        {
            errors[field] = [$"'{name}': {e.Message}"];
            return null;
        }
    }

    private Task Start() => Submit(JobKind.Paint);

    private Task Explore() => Submit(JobKind.Explore);

    private Task SeeNetwork() => Submit(JobKind.NetworkView);

    private async Task Submit(JobKind kind)
    {
        submitting = true;
        try
        {
            var (contentWeight, styleWeight) = restored is { } r && r.Position == balance && r.Backbone == settings.Backbone
                ? (r.ContentWeight, r.StyleWeight)
                : Scale.Weights(balance);
            var chosen = settings.ToJobSettings(styles.Count) with
            {
                ContentWeight = contentWeight, StyleWeight = styleWeight, Kind = kind, ExploreAxis = exploreAxis, ExploreCount = exploreCount,
            };
            var result = await Submitter.SubmitAsync(Owner, chosen, content is null ? null : Upload(content), styles.Select(Upload).ToList(), isPrivate: !isPublic);
            if (result.JobId is { } id)
            {
                Navigation.NavigateTo(JobUrls.Page(id));
                return;
            }

            errors = result.Refusal is { } refusal ? new() { ["submit"] = [refusal] } : result.Errors;
        }
        finally
        {
            submitting = false;
        }
    }

    private static UploadedPicture Upload(PictureSlot slot) => new(slot.Name, () => new MemoryStream(slot.Bytes));
}
