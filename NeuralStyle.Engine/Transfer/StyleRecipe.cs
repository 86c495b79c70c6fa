using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralStyle.Engine.Transfer;

/// <summary>
/// Everything needed to make a picture again, stored in the result PNG's own metadata as versioned JSON: the settings
/// (seed included), the backbone and the SHA-256 of its weights file.
/// </summary>
/// <param name="Version">The recipe format's version.</param>
/// <param name="Settings">The run's settings.</param>
/// <param name="Backbone">The backbone that ran.</param>
/// <param name="WeightsSha256">SHA-256 of the backbone's weights file, hex; null when unknown.</param>
public sealed record StyleRecipe(int Version, StyleSettings Settings, string Backbone, string? WeightsSha256)
{
    /// <summary>The PNG text keyword the recipe is stored under.</summary>
    public const string PngKeyword = "NeuralStyle.Recipe";

    /// <summary>
    /// The current format version. Version 2 added <see cref="StyleSettings.AntiAliasing"/>; version 1 recipes were made
    /// without it and read back with it off.
    /// </summary>
    public const int CurrentVersion = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly Dictionary<string, string> HashCache = [];

    /// <summary>The recipe of a run; the weights file, when given, is hashed once per process.</summary>
    public static StyleRecipe For(StyleSettings settings, string backbone, string? weightsPath) =>
        new(CurrentVersion, settings with { Backbone = backbone }, backbone, weightsPath is null ? null : Sha256Of(weightsPath));

    /// <summary>Reads a recipe from PNG text chunks; null when there is none or it is not one we understand.</summary>
    public static StyleRecipe? FromPngText(IReadOnlyDictionary<string, string> text)
    {
        if (!text.TryGetValue(PngKeyword, out var json))
        {
            return null;
        }

        try
        {
            var recipe = JsonSerializer.Deserialize<StyleRecipe>(json, Json);
            return recipe switch
            {
                { Version: CurrentVersion, Settings: not null } => recipe,
                { Version: 1, Settings: not null } => recipe with { Settings = recipe.Settings with { AntiAliasing = false } },
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The recipe as PNG text chunks.</summary>
    public IReadOnlyDictionary<string, string> ToPngText() =>
        new Dictionary<string, string> { [PngKeyword] = JsonSerializer.Serialize(this, Json) };

    private static string Sha256Of(string path)
    {
        var full = Path.GetFullPath(path);
        lock (HashCache)
        {
            if (!HashCache.TryGetValue(full, out var hash))
            {
                using var stream = File.OpenRead(full);
                hash = Convert.ToHexStringLower(SHA256.HashData(stream));
                HashCache[full] = hash;
            }

            return hash;
        }
    }
}
