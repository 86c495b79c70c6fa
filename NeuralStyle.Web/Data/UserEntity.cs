namespace NeuralStyle.Web.Data;

/// <summary>A person with an account on a shared server (only when sign-in is enabled).</summary>
public sealed class UserEntity
{
    public Guid Id { get; set; }

    /// <summary>The name as the person typed it when registering, shown in the page's header.</summary>
    public required string Name { get; set; }

    /// <summary>The name in upper case, unique, so that "Alice" and "alice" are one account.</summary>
    public required string NormalizedName { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash with its salt and format version; never the password.</summary>
    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
