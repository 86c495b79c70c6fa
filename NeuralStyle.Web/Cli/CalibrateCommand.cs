using System.CommandLine;
using NeuralStyle.Engine.Backbones;
using NeuralStyle.Engine.Runtime;
using NeuralStyle.Engine.Transfer;

namespace NeuralStyle.Web.Cli;

/// <summary>
/// <c>calibrate</c>: computes a backbone's feature scales (the paper's normalisation, mean activation 1 per filter)
/// from a folder of pictures and stores them beside its weights.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var backbone = new Option<string>("--backbone") { Description = "resnet18 or vgg19.", DefaultValueFactory = _ => BackboneCatalog.DefaultBackbone };
        backbone.AcceptOnlyFromAmong([.. BackboneCatalog.Names]);
        var weights = new Option<FileInfo?>("--weights") { Description = "The weights file (default: the embedded ResNet18)." };
        var pictures = new Option<DirectoryInfo>("--pictures") { Description = "Folder of JPEG/PNG pictures to calibrate on.", DefaultValueFactory = _ => new DirectoryInfo(CliPictures.SamplesFolder) };
        var size = new Option<int>("--size") { Description = "Long side the pictures are resized to.", DefaultValueFactory = _ => BackboneCatalog.CalibrationSize };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the scales (default: beside the weights, FILE.scales.json)." };
        var command = new Command("calibrate", "Compute feature scales so each filter's mean activation is 1 (the paper's normalisation).")
        {
            backbone, weights, pictures, size, output,
        };

        command.SetAction(result =>
        {
            try
            {
                var folder = result.GetValue(pictures)!;
                var files = folder.Exists
                    ? folder.EnumerateFiles().Where(f => f.Extension.ToLowerInvariant() is ".jpg" or ".jpeg" or ".png").OrderBy(f => f.Name, StringComparer.Ordinal).ToArray()
                    : throw new CliException($"The pictures folder '{folder.FullName}' does not exist.");
                if (files.Length == 0)
                {
                    throw new CliException($"The pictures folder '{folder.FullName}' holds no JPEG or PNG pictures.");
                }

                var catalog = new BackboneCatalog(new BackboneCatalogOptions());
                var weightsPath = result.GetValue(weights)?.FullName;
                using var network = catalog.Load(result.GetValue(backbone)!, PoolingKind.Average, TorchRuntime.SelectDevice("auto"), weightsPath, normalized: false);
                var scales = FeatureScales.Compute(network, files.Select(f => (f.Name, CliPictures.Read(f, "calibration picture"))).ToArray(), result.GetValue(size));
                var path = result.GetValue(output)?.FullName ?? BackboneCatalog.ScalesPath(weightsPath ?? BackboneCatalog.EmbeddedResNet18Path);
                scales.Save(path);
                Console.WriteLine($"Wrote feature scales for {network.Name} ({scales.Layers.Count} layers, {files.Length} pictures) to {path}.");
                return 0;
            }
            catch (Exception ex) when (ex is CliException or WeightsException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }
}
