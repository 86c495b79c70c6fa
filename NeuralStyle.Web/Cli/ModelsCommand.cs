using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuralStyle.Engine.Models;
using NeuralStyle.Web.Models;

namespace NeuralStyle.Web.Cli;

/// <summary>
/// <c>models</c>: lists the weights in the models folder and those that can be fetched, fetches one from its public
/// address (checked, resumable), or imports a file brought by hand for servers without internet.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List, fetch or import VGG19 weights (the paper's network) in the models folder.")
        {
            List(), Fetch(), Import(),
        };
        return command;
    }

    private static Option<DirectoryInfo> FolderOption() =>
        new("--folder") { Description = "The models folder [default: the web application's, from appsettings.json: data/models].", DefaultValueFactory = _ => new DirectoryInfo(ModelRegistration.ConfiguredFolder()) };

    private static Command List()
    {
        var folder = FolderOption();
        var command = new Command("list", "Show what is installed in the models folder and what can be fetched.") { folder };
        command.SetAction(result =>
        {
            var library = new ModelLibrary(result.GetValue(folder)!.FullName);
            var installed = library.Installed();
            Console.WriteLine($"Models folder: {library.Folder}");
            Console.WriteLine("Installed:");
            if (installed.Count == 0)
            {
                Console.WriteLine("  (none)");
            }

            foreach (var file in installed)
            {
                var what = file switch
                {
                    { IsPartial: true, Catalogued: { } model } => $"partial download of {model.Name}: 'models fetch {model.Name}' resumes it",
                    { IsPartial: true } => "partial download",
                    { Catalogued: { } model } => model.Name,
                    _ => "imported",
                };
                Console.WriteLine($"  {file.FileName,-28} {Megabytes(file.SizeBytes),10}  {what}");
            }

            Console.WriteLine("Can be fetched (models fetch NAME):");
            foreach (var model in ModelCatalog.All)
            {
                var state = File.Exists(library.PathOf(model)) ? "installed" : "not installed";
                Console.WriteLine($"  {model.Name,-18} {state,-14} {model.Title}");
                Console.WriteLine($"  {"",-18} {"",-14} {model.Url}{(model.Sha256 is null ? " (no published checksum)" : "")}");
            }

            return 0;
        });
        return command;
    }

    private static Command Fetch()
    {
        var name = new Argument<string>("NAME") { Description = $"The model to fetch: {string.Join(", ", ModelCatalog.All.Select(m => m.Name))}." };
        var folder = FolderOption();
        var from = new Option<string?>("--from") { Description = "Download from this address instead of the public one (a mirror); the checksum is still checked." };
        var command = new Command("fetch", "Download a model from its public address into the models folder, resuming an interrupted download and checking its checksum.")
        {
            name, folder, from,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var model = ModelCatalog.Find(result.GetValue(name)!);
            if (model is null)
            {
                Console.Error.WriteLine($"There is no model called '{result.GetValue(name)}': choose one of {string.Join(", ", ModelCatalog.All.Select(m => m.Name))}.");
                return 1;
            }

            if (result.GetValue(from) is { } address)
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var mirror) || mirror.Scheme is not ("http" or "https"))
                {
                    Console.Error.WriteLine($"'{address}' is not an http or https address to download from.");
                    return 1;
                }

                model = model with { Url = mirror };
            }

            var library = new ModelLibrary(result.GetValue(folder)!.FullName);
            if (File.Exists(library.PathOf(model)))
            {
                Console.WriteLine($"{model.Name} is already installed: {library.PathOf(model)}");
                return 0;
            }

            Console.WriteLine($"Fetching {model.Name} from {model.Url}");
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("NeuralStyle");
            try
            {
                var path = await new ModelDownloader(http).DownloadAsync(model, library.Folder, new ProgressLine(), cancellationToken);
                ProgressLine.End();
                Console.WriteLine($"Installed {model.Name}: {path}");
                Console.WriteLine($"Use it with: stylize --backbone vgg19 --weights \"{path}\"");
                return 0;
            }
            catch (ModelDownloadException ex)
            {
                ProgressLine.End();
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
            catch (OperationCanceledException)
            {
                ProgressLine.End();
                Console.Error.WriteLine($"Cancelled. What arrived is kept; 'models fetch {model.Name}' resumes it.");
                return 130;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Cannot write to the models folder '{library.Folder}': {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A VGG19 weights file (.pth, .safetensors or .onnx) copied here by hand." };
        var name = new Option<string?>("--name") { Description = "A catalogue name (its checksum is then checked) or the file name to store it under (default: the file's own name)." };
        var folder = FolderOption();
        var command = new Command("import", "Copy a VGG19 weights file into the models folder after checking that it loads (for servers without internet).")
        {
            file, name, folder,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var library = new ModelLibrary(result.GetValue(folder)!.FullName);
            try
            {
                var path = await library.ImportAsync(result.GetValue(file)!.FullName, result.GetValue(name), cancellationToken);
                Console.WriteLine($"Imported {path}");
                Console.WriteLine($"Use it with: stylize --backbone vgg19 --weights \"{path}\"");
                return 0;
            }
            catch (Exception ex) when (ex is ModelDownloadException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }

    private static string Megabytes(double bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>One line with percent, megabytes and speed, rewritten in place on a terminal and printed twice a second otherwise.</summary>
    private sealed class ProgressLine : IProgress<DownloadProgress>
    {
        private readonly Stopwatch sinceLast = Stopwatch.StartNew();

        /// <summary>Ends the line rewritten in place, so what follows starts on its own.</summary>
        public static void End()
        {
            if (!Console.IsOutputRedirected)
            {
                Console.WriteLine();
            }
        }

        public void Report(DownloadProgress value)
        {
            var done = value.TotalBytes == value.BytesSoFar;
            if (!done && sinceLast.ElapsedMilliseconds < 500)
            {
                return;
            }

            sinceLast.Restart();
            var line = value.Percent is { } percent
                ? $"{percent,5:0.0}%  {Megabytes(value.BytesSoFar)} of {Megabytes(value.TotalBytes!.Value)}  {Megabytes(value.BytesPerSecond)}/s"
                : $"{Megabytes(value.BytesSoFar)}  {Megabytes(value.BytesPerSecond)}/s";
            if (Console.IsOutputRedirected)
            {
                Console.WriteLine(line);
            }
            else
            {
                Console.Write($"\r{line,-60}");
            }
        }
    }
}
