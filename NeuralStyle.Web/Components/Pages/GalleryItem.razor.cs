using Microsoft.AspNetCore.Components;
using MudBlazor;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;
using NeuralStyle.Web.Pictures;

namespace NeuralStyle.Web.Components.Pages;

/// <summary>One finished picture: its sources, result and recipe, and for its owner who sees it and delete.</summary>
public partial class GalleryItem
{
    private JobStatus? status;
    private IReadOnlyList<LossPoint> points = [];
    private bool loaded;
    private bool hasTimeLapse;
    private bool watching;
    private bool seenWithoutKey;
    private string? shareKey;
    private string? error;

    [Parameter]
    public Guid Id { get; set; }

    /// <summary>The key of a share link, which shows a private picture to whoever opens the link.</summary>
    [SupplyParameterFromQuery(Name = "key")]
    public string? Key { get; set; }

    [Inject]
    private JobStatusReader Reader { get; set; } = default!;

    [Inject]
    private PictureStore Pictures { get; set; } = default!;

    [Inject]
    private GalleryEditor Editor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Owner Owner { get; set; } = default!;

    /// <summary>The visitor sees this picture only because the address carries its share link's key.</summary>
    private bool ThroughLinkOnly => !seenWithoutKey;

    protected override async Task OnParametersSetAsync()
    {
        await Load();
        hasTimeLapse = status is not null && Pictures.Exists(Id, PictureKind.TimeLapse);
        loaded = true;
    }

    private async Task Load()
    {
        seenWithoutKey = await Reader.GetAsync(Id, Owner) is not null;
        status = await Reader.GetSharedAsync(Id, Owner, Key);
        points = status is null ? [] : await Reader.LossCurveAsync(Id);
        shareKey = status?.YouMayChangeIt == true ? await Editor.ShareKeyAsync(Id, Owner) : null;
    }

    /// <summary>A picture's address, with the share link's key for a visitor who has only that.</summary>
    private string Picture(string url) => ThroughLinkOnly ? JobUrls.WithKey(url, Key)! : url;

    private async Task Delete()
    {
        var sure = await Dialogs.ShowMessageBoxAsync(
            "Delete this picture?",
            "The result, its time-lapse, and the photo and style pictures it was made from are removed from the server for good. This cannot be undone.",
            yesText: "Delete it",
            cancelText: "Keep it");
        if (sure != true)
        {
            return;
        }

        switch (await Editor.DeleteAsync(Id, Owner))
        {
            case GalleryDeleteOutcome.Deleted:
                Snackbar.Add("The picture was deleted.", Severity.Success);
                Navigation.NavigateTo(status?.YouOwnIt == false ? "/gallery" : "/gallery?show=mine");
                break;
            case GalleryDeleteOutcome.StillRunning:
                error = "This job has not finished yet: cancel it first.";
                break;
            default:
                error = "Only the person who made this picture, or an admin, can delete it.";
                break;
        }
    }
}
