using System.Net;
using System.Net.Sockets;
using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Limits;

/// <summary>
/// Whom a request is counted against: the signed-in account, else the owner id this server issued to it, else its
/// remote address (the client's own address behind a trusted reverse proxy, see ProxyRegistration). Every request is
/// also counted against its address, with room for the several people a lab's NAT puts behind one.
/// </summary>
public static class ClientKey
{
    /// <summary>
    /// A request without a cookie this server issued is given a fresh owner id on every call, so counting by that id
    /// would let it escape every limit; such requests are counted by address instead.
    /// </summary>
    public static string Of(HttpContext context) =>
        AccountClaims.SignedIn(context) is { } account ? OfOwner(account.Id)
        : OwnerCookie.Returning(context) is { } owner ? OfOwner(owner)
        : $"unidentified:{AddressOf(context)}";

    /// <summary>The same for a person as <see cref="OwnerCookie.Person"/> described them.</summary>
    public static string Of(Owner who) => who.LimitKey ?? OfOwner(who.Id);

    public static string OfOwner(string ownerId) => $"owner:{ownerId}";

    public static string OfAddress(string address) => $"address:{address}";

    /// <summary>
    /// The address limits count by: an IPv4 address, or the /64 network of an IPv6 address (one home or host is
    /// handed a whole /64, so counting single IPv6 addresses would give it billions of allowances); "unknown" where
    /// the server cannot tell (an in-memory test server).
    /// </summary>
    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress is { } address ? Network(address) : "unknown";

    private static string Network(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
