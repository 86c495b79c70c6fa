namespace NeuralStyle.Web.Owners;

/// <summary>
/// Whoever uses a page or the API, cascaded to every component (circuits cannot read cookies later): an anonymous
/// browser (its cookie id), or, on a server with sign-in, an account with its name and whether it is an admin.
/// </summary>
public sealed record Owner(string Id, string? UserName = null, bool IsAdmin = false)
{
    public bool SignedIn => UserName is not null;
}
