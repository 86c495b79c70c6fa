using System.Security.Cryptography;
using NeuralStyle.Web.Accounts;

namespace NeuralStyle.Web.Owners;

/// <summary>
/// Without an account, a browser is "someone" through a random id in an HttpOnly cookie set on its first visit.
/// It decides who may cancel a job and whose turn it is in the queue; a signed-in account takes its place.
/// </summary>
public static class OwnerCookie
{
    public const string Name = "ns-owner";
    private const string ItemKey = "NeuralStyle.OwnerId";

    public static IApplicationBuilder UseOwnerCookie(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsValid(context.Request.Cookies[Name]))
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[ItemKey] = id;
            context.Response.Cookies.Append(Name, id, new CookieOptions
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

    /// <summary>Who is asking: the signed-in account, else the browser's cookie id (the middleware guarantees one).</summary>
    public static Owner Person(this HttpContext context) =>
        AccountClaims.SignedIn(context) ?? new Owner(
            context.Items[ItemKey] as string ?? context.Request.Cookies[Name] ?? throw new InvalidOperationException("UseOwnerCookie must run first."));

    public static string OwnerId(this HttpContext context) => context.Person().Id;

    /// <summary>The id the request's own cookie carries; null on a first visit, before the browser has kept one.</summary>
    public static string? Returning(HttpContext context) => context.Request.Cookies[Name] is { } id && IsValid(id) ? id : null;

    private static bool IsValid(string? id) => id is { Length: 32 } && id.All(Uri.IsHexDigit);
}
