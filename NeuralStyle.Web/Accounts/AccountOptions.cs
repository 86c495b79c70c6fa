namespace NeuralStyle.Web.Accounts;

/// <summary>
/// Configuration section <c>NeuralStyle:Accounts</c>: sign-in for shared servers. Off by default, because a person on
/// their own machine needs no account; every browser is then someone through its owner cookie.
/// </summary>
public sealed class AccountOptions
{
    public const string Section = "NeuralStyle:Accounts";

    /// <summary>When on, only signed-in people can start jobs, and their jobs belong to their account.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Anyone may register (the default: lab members and visitors make their own account for a demo). When off,
    /// only an admin, signed in, can register new people.
    /// </summary>
    public bool OpenRegistration { get; set; } = true;

    /// <summary>
    /// Account names that are admins: they may see, cancel and delete every job. These names can be registered
    /// only from the server's own machine, so nobody else can claim them first.
    /// </summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>
    /// Whether <paramref name="who"/> may change the server itself (download networks): with sign-in on, its admins;
    /// without it, only a request from the server's own machine, since every visitor is then anonymous.
    /// </summary>
    public bool MayManageServer(Owners.Owner? who, bool fromServerItself) => Enabled ? who?.IsAdmin == true : fromServerItself;

    public bool IsAdmin(string name) => Admins.Any(admin => string.Equals(admin.Trim(), name, StringComparison.OrdinalIgnoreCase));
}
