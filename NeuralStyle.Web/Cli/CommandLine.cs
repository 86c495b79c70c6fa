using System.CommandLine;

namespace NeuralStyle.Web.Cli;

/// <summary>The executable's verbs for people and scripts: with none it serves the web application.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["stylize", "calibrate", "models", "bench", "--help", "-h", "-?"];

    /// <summary>Whether <paramref name="args"/> ask for a verb rather than the web server.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    /// <summary>Runs the verb; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("NeuralStyle: neural style transfer (Gatys, Ecker and Bethge, CVPR 2016). Run with no verb to start the web application.")
        {
            StylizeCommand.Create(),
            CalibrateCommand.Create(),
            ModelsCommand.Create(),
            BenchCommand.Create(),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var message = string.Join(" ", parsed.Errors[0].Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Console.Error.WriteLine($"{message} (see '{args[0]} --help')");
            return 2;
        }

        return await parsed.InvokeAsync();
    }
}
