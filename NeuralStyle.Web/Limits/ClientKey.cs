using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Limits;

/// <summary>
/// Whom a request is counted against: the signed-in account, else the owner cookie it brought, else its remote address
/// (the client's own address behind a trusted reverse proxy, see ProxyRegistration).
/// </summary>
public static class ClientKey
{
    /// <summary>
    /// A request without the cookie is given a fresh owner id on every call, so counting by that id would let a
    /// cookie-less client escape every limit; such requests are counted by address instead.
    /// </summary>
    public static string Of(HttpContext context) =>
        AccountClaims.SignedIn(context) is { } account ? OfOwner(account.Id)
        : OwnerCookie.Returning(context) is { } owner ? OfOwner(owner)
        : $"ip:{context.Connection.RemoteIpAddress}";

    public static string OfOwner(string ownerId) => $"owner:{ownerId}";
}
