using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using NeuralStyle.Engine.Imaging;
using NeuralStyle.Engine.Transfer;
using NeuralStyle.Web.Components.Shared;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Web.Components.Pages;

/// <summary>The Create page restoring settings from the recipe a NeuralStyle result PNG carries.</summary>
public partial class Create
{
    private async Task LoadRecipe(InputFileChangeEventArgs e)
    {
        errors = [];
        offeredRecipe = null;
        var file = e.File;
        if (file.Size > UploadOptions.Value.MaxBytes)
        {
            recipeMessage = (Severity.Error, $"'{file.Name}' is {file.Size / 1_000_000.0:0.#} MB; pictures up to {UploadOptions.Value.MaxBytes / 1_000_000.0:0.#} MB are accepted.");
            return;
        }

        using var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream(UploadOptions.Value.MaxBytes))
        {
            await stream.CopyToAsync(buffer);
        }

        var (recipe, problem) = RecipeIn(buffer.ToArray());
        if (recipe is null)
        {
            recipeMessage = problem is null
                ? (Severity.Warning, $"'{file.Name}' carries no NeuralStyle recipe, so there are no settings to restore. Only pictures NeuralStyle made (downloaded from the gallery or written by the stylize command) have one.")
                : (Severity.Error, $"'{file.Name}': {problem}");
            return;
        }

        Apply(recipe);
    }

    /// <summary>A result picture dropped as content or style: it stays there, and restoring its settings is offered.</summary>
    private void NoticeRecipe(string name, byte[] bytes)
    {
        if (RecipeIn(bytes).Recipe is { } recipe)
        {
            offeredRecipe = (name, recipe);
        }
    }

    private void RestoreOffered()
    {
        if (offeredRecipe is { } offer)
        {
            offeredRecipe = null;
            Apply(offer.Recipe);
        }
    }

    private void Apply(StyleRecipe recipe)
    {
        var chosen = JobSettings.From(recipe.Settings with { Backbone = recipe.Backbone });
        // The command line writes 0 (no previews); on this page that would only hide the live picture.
        Restore(chosen.PreviewEvery > 0 ? chosen : chosen with { PreviewEvery = settings.PreviewEvery });
        recipeMessage = RestoredMessage(chosen);
    }

    private static (StyleRecipe? Recipe, string? Problem) RecipeIn(byte[] bytes)
    {
        try
        {
            return (StyleRecipe.FromPngText(ImageEncoder.ReadPngText(new MemoryStream(bytes))), null);
        }
        catch (ImageRejectedException rejected)
        {
            return (null, rejected.Message);
        }
    }

    private (Severity, string) RestoredMessage(JobSettings chosen)
    {
        var notes = new List<string> { "Settings restored from this picture's recipe." };
        if (chosen.StyleBlend is { Count: > 1 } blend)
        {
            notes.Add($"It mixed {blend.Count} style pictures: add them again in the same order (a recipe keeps the settings, not the pictures).");
        }

        var problems = new List<string>();
        var backbone = Engine.Backbones().FirstOrDefault(b => string.Equals(b.Name, chosen.Backbone, StringComparison.OrdinalIgnoreCase));
        if (backbone is not { Ready: true })
        {
            problems.Add($"It was made with the network '{chosen.Backbone}', which this server cannot use{(backbone is null ? "" : $" ({Words.NotReady(backbone, EngineOptions.Value.Vgg19WeightsPath is not null)})")}: choose another under Network.");
        }

        if (chosen.Size > Allowance.MaxSize)
        {
            problems.Add($"It is {chosen.Size} px, more than this server's {Allowance.MaxSize} px: lower the output size.");
        }

        if (chosen.Iterations > Allowance.MaxIterations)
        {
            problems.Add($"It ran {chosen.Iterations} iterations, more than this server's {Allowance.MaxIterations}: lower them.");
        }

        return (problems.Count > 0 ? Severity.Warning : Severity.Success, string.Join(" ", notes.Concat(problems)));
    }
}
