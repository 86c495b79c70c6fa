namespace NeuralStyle.Web.Cli;

/// <summary>The executable's verbs: with none it serves the web application.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["stylize"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine($"'{args[0]}' is not available in this build yet.");
        return Task.FromResult(2);
    }
}
