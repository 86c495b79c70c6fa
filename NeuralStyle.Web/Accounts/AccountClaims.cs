using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Accounts;

/// <summary>What the sign-in cookie carries, and the <see cref="Owner"/> it makes of a request.</summary>
public static class AccountClaims
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static ClaimsPrincipal For(UserEntity user) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString("N")), new Claim(ClaimTypes.Name, user.Name)], Scheme));

    /// <summary>Jobs of an account are owned by this id; it cannot be mistaken for a browser's 32 hex digits.</summary>
    public static string OwnerIdOf(Guid userId) => $"user-{userId:N}";

    /// <summary>The signed-in account asking, or null when nobody is signed in or the server does not use accounts.</summary>
    public static Owner? SignedIn(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value;
        if (!options.Enabled || context.User.Identity?.IsAuthenticated != true
            || !Guid.TryParseExact(context.User.FindFirstValue(ClaimTypes.NameIdentifier), "N", out var id)
            || context.User.FindFirstValue(ClaimTypes.Name) is not { } name)
        {
            return null;
        }

        // Admin rights follow the configuration at every request, so removing a name takes effect without signing out.
        return new Owner(OwnerIdOf(id), name, options.IsAdmin(name));
    }
}
