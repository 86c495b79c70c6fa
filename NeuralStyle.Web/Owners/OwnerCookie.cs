using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Limits;

namespace NeuralStyle.Web.Owners;

/// <summary>
/// Without an account, a browser is "someone" through a random id that this server issues in an HttpOnly cookie on
/// its first visit. It decides who may cancel a job and whose turn it is in the queue; a signed-in account takes its
/// place. The cookie carries the id protected (encrypted and signed) with ASP.NET Data Protection, so a client cannot
/// make one up: a cookie the server did not issue counts as none, and its request gets a fresh id that owns nothing.
/// </summary>
public static class OwnerCookie
{
    public const string Name = "ns-owner";
    private const string Purpose = "NeuralStyle.Owners.OwnerCookie";
    private const string IdKey = "NeuralStyle.OwnerId";
    private const string ReturningKey = "NeuralStyle.OwnerReturning";

    public static IApplicationBuilder UseOwnerCookie(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var (id, returning) = Identify(context);
        if (!returning)
        {
            context.Response.Cookies.Append(Name, Protector(context).Protect(id), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
        }

        await next(context);
    });

    /// <summary>Who is asking (the signed-in account, else the browser by the id this server issued it), from where, and how limits count it.</summary>
    public static Owner Person(this HttpContext context)
    {
        var who = AccountClaims.SignedIn(context) ?? new Owner(Identify(context).Id);
        var counted = ClientKey.Of(context);
        return who with { Address = ClientKey.AddressOf(context), LimitKey = counted == ClientKey.OfOwner(who.Id) ? null : counted };
    }

    /// <summary>
    /// The id the request's own cookie carries when this server issued it; null on a first visit, and for a cookie that
    /// was made up or tampered with.
    /// </summary>
    public static string? Returning(HttpContext context) => Identify(context) is (var id, true) ? id : null;

    /// <summary>
    /// The request's id, read once and kept with the request: the one its cookie carries when this server issued it,
    /// else a fresh one. A hub connection's own copy of its request (SignalR's long polling makes one) reads it again.
    /// </summary>
    private static (string Id, bool Returning) Identify(HttpContext context)
    {
        if (context.Items[IdKey] is string known)
        {
            return (known, context.Items[ReturningKey] is true);
        }

        var issued = Unprotect(Protector(context), context.Request.Cookies[Name]);
        var id = issued ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[IdKey] = id;
        context.Items[ReturningKey] = issued is not null;
        return (id, issued is not null);
    }

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static string? Unprotect(IDataProtector protector, string? cookie)
    {
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
