namespace NeuralStyle.Web.Owners;

/// <summary>
/// Whoever uses a page or the API, cascaded to every component (circuits cannot read cookies later): an anonymous
/// browser (the id this server issued to it), or, on a server with sign-in, an account with its name and whether it
/// is an admin.
/// </summary>
/// <param name="Address">
/// The network address the request came from (see <see cref="Limits.ClientKey.AddressOf"/>), by which limits also
/// count; null when the work does not come from a request (a test, the command line).
/// </param>
/// <param name="LimitKey">
/// Whom per-person limits count this as, where that is not its id: a request that brought no cookie this server issued
/// is given a fresh id each time, so it is counted by its address (see <see cref="Limits.ClientKey.Of(Owner)"/>).
/// </param>
public sealed record Owner(string Id, string? UserName = null, bool IsAdmin = false, string? Address = null, string? LimitKey = null)
{
    public bool SignedIn => UserName is not null;
}
