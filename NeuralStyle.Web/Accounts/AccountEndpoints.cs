using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Limits;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Accounts;

/// <summary>The sign-in name and password a script sends as JSON.</summary>
public sealed record Credentials(string Name, string Password);

/// <summary>Who is signed in, as the API reports it.</summary>
public sealed record AccountInfo(string Name, bool Admin);

/// <summary>
/// Sign in, register and sign out: form posts from the pages (antiforgery-checked, answered with a redirect that
/// carries a problem code the page turns into a sentence) and JSON for scripts (JSON cannot be posted cross-site
/// without the browser asking first, so it needs no antiforgery token).
/// </summary>
public static class AccountEndpoints
{
    public const string SignInPage = "/signin";
    public const string RegisterPage = "/register";

    public static WebApplication MapNeuralStyleAccounts(this WebApplication app)
    {
        var forms = app.MapGroup("/account").ExcludeFromDescription().RequireRateLimiting(RateLimitRegistration.SignIns);
        forms.MapPost("/signin", SignInForm);
        forms.MapPost("/register", RegisterForm);
        forms.MapPost("/signout", SignOutForm);

        var api = app.MapGroup("/api/account").WithTags("Account").DisableAntiforgery().RequireRateLimiting(RateLimitRegistration.SignIns)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/signin", SignIn).WithName("signIn").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Sign in with `name` and `password` (servers with NeuralStyle:Accounts:Enabled); the answer sets the sign-in cookie.");
        api.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(AccountClaims.Scheme);
            return TypedResults.NoContent();
        }).WithName("signOut").WithSummary("Sign out.");
        return app;
    }

    public static async Task<Results<Ok<AccountInfo>, ProblemHttpResult>> SignIn(Credentials credentials, HttpContext context, AccountStore store, IOptions<AccountOptions> options)
    {
        if (!options.Value.Enabled)
        {
            return Problem(AccountProblem.AccountsOff);
        }

        var result = await store.SignInAsync(credentials.Name, credentials.Password, context.RequestAborted);
        if (result.User is not { } user)
        {
            return Problem(result.Problem!.Value);
        }

        await SignInAsync(context, user);
        return TypedResults.Ok(new AccountInfo(user.Name, options.Value.IsAdmin(user.Name)));
    }

    private static async Task<RedirectHttpResult> SignInForm(
        [FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext context, AccountStore store, IOptions<AccountOptions> options)
    {
        if (!options.Value.Enabled)
        {
            return Back(SignInPage, AccountProblem.AccountsOff, name, returnUrl);
        }

        var result = await store.SignInAsync(name, password, context.RequestAborted);
        if (result.User is not { } user)
        {
            return Back(SignInPage, result.Problem!.Value, name, returnUrl);
        }

        await SignInAsync(context, user);
        return TypedResults.LocalRedirect(Local(returnUrl));
    }

    private static async Task<RedirectHttpResult> RegisterForm(
        [FromForm] string? name, [FromForm] string? password, [FromForm] string? confirmation, [FromForm] string? returnUrl,
        HttpContext context, AccountStore store, IOptions<AccountOptions> options)
    {
        var asking = context.Person();
        if (CanRegister(name, asking, context, options.Value) is { } refusal)
        {
            return Back(RegisterPage, refusal, name, returnUrl);
        }

        var result = await store.RegisterAsync(name, password, confirmation, context.RequestAborted);
        if (result.User is not { } user)
        {
            return Back(RegisterPage, result.Problem!.Value, name, returnUrl);
        }

        // An admin registering someone else stays signed in as themselves.
        if (!asking.SignedIn)
        {
            await SignInAsync(context, user);
        }

        return TypedResults.LocalRedirect(Local(returnUrl));
    }

    /// <summary>Reads the form (though nothing in it is needed) so that its antiforgery token is checked.</summary>
    private static async Task<RedirectHttpResult> SignOutForm([FromForm] string? returnUrl, HttpContext context)
    {
        await context.SignOutAsync(AccountClaims.Scheme);
        return TypedResults.LocalRedirect(Local(returnUrl));
    }

    /// <summary>
    /// Signs <paramref name="user"/> in. Pictures this browser made before, without an account (its owner cookie's
    /// jobs, from a time the server had no sign-in), become the account's, so they stay "mine" from now on. Only an
    /// owner cookie this server issued hands anything over: a made-up one is nobody (see <see cref="OwnerCookie"/>).
    /// </summary>
    private static async Task SignInAsync(HttpContext context, UserEntity user)
    {
        var before = context.Person();
        await context.SignInAsync(AccountClaims.Scheme, AccountClaims.For(user));
        if (!before.SignedIn && OwnerCookie.Returning(context) is { } browser)
        {
            await context.RequestServices.GetRequiredService<JobStore>().TransferAsync(browser, AccountClaims.OwnerIdOf(user.Id), context.RequestAborted);
        }
    }

    /// <summary>Null when this request may register <paramref name="name"/>.</summary>
    private static AccountProblem? CanRegister(string? name, Owner asking, HttpContext context, AccountOptions options)
    {
        if (!options.Enabled)
        {
            return AccountProblem.AccountsOff;
        }

        if (!options.OpenRegistration && !asking.IsAdmin)
        {
            return AccountProblem.RegistrationClosed;
        }

        // Admin names are claimed on the server itself (or by an admin), so a visitor cannot register one first.
        var local = context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
        return options.IsAdmin(name?.Trim() ?? "") && !local && !asking.IsAdmin ? AccountProblem.NameReserved : null;
    }

    private static RedirectHttpResult Back(string page, AccountProblem problem, string? name, string? returnUrl) =>
        TypedResults.LocalRedirect(QueryString(page, ("problem", problem.ToString()), ("name", name?.Trim()), ("returnUrl", returnUrl)));

    private static string QueryString(string page, params (string Key, string? Value)[] parts) =>
        page + "?" + string.Join("&", parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    /// <summary>Only addresses on this site, so a crafted link cannot send someone elsewhere after signing in.</summary>
    internal static string Local(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static ProblemHttpResult Problem(AccountProblem problem) =>
        TypedResults.Problem(title: problem == AccountProblem.WrongPassword ? "Not signed in." : "Not possible here.", detail: AccountMessages.Of(problem),
            statusCode: problem == AccountProblem.WrongPassword ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest);
}
