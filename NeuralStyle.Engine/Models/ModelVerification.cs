using NeuralStyle.Engine.Backbones;

namespace NeuralStyle.Engine.Models;

/// <summary>The check a model file passes before it is kept under its final name, shared by downloads and imports.</summary>
internal static class ModelVerification
{
    /// <summary>
    /// Checks <paramref name="temporary"/> against <paramref name="sha256"/> (whole or prefix) or, where no hash is known
    /// and <paramref name="loadWithoutHash"/> asks for it, that it loads as VGG19, then moves it to <paramref name="final"/>
    /// in one step. A file that fails is deleted.
    /// </summary>
    public static async Task VerifyAndMoveAsync(
        string name, string temporary, string final, string? sha256, bool loadWithoutHash, string mismatchMessage, CancellationToken cancellationToken)
    {
        if (sha256 is not null)
        {
            var actual = await Sha256Check.OfFileAsync(temporary, cancellationToken);
            if (!Sha256Check.Matches(actual, sha256))
            {
                File.Delete(temporary);
                throw new ModelDownloadException(name, mismatchMessage);
            }
        }
        else if (loadWithoutHash)
        {
            // The loader picks the format from the extension, so the file is checked under a name that ends like the final one.
            var checking = Path.Combine(Path.GetDirectoryName(final)!, $"{Path.GetFileNameWithoutExtension(final)}.checking{Path.GetExtension(final)}");
            File.Move(temporary, checking, overwrite: true);
            temporary = checking;
            try
            {
                Vgg19WeightLoader.Load(checking).Dispose();
            }
            catch (WeightsException e)
            {
                File.Delete(checking);
                throw new ModelDownloadException(
                    name, $"{name} is not usable VGG19 weights, so it has been discarded: {e.Message.Replace(checking, Path.GetFileName(final))}", e);
            }
        }

        File.Move(temporary, final, overwrite: true);
    }
}
