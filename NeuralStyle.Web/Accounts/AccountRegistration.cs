using Microsoft.AspNetCore.Authentication.Cookies;

namespace NeuralStyle.Web.Accounts;

public static class AccountRegistration
{
    public const string CookieName = "ns-account";

    /// <summary>
    /// Cookie sign-in, registered whether or not accounts are enabled (cheap, and a cookie left from an earlier
    /// configuration is simply ignored while they are off; see <see cref="AccountClaims.SignedIn"/>).
    /// </summary>
    public static IHostApplicationBuilder AddNeuralStyleAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);
        builder.Services.AddSingleton<AccountStore>();
        builder.Services.AddAuthentication(AccountClaims.Scheme).AddCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS, including behind a TLS-terminating proxy (see ProxyRegistration).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromDays(30);
            options.SlidingExpiration = true;
            options.LoginPath = AccountEndpoints.SignInPage;
        });
        return builder;
    }
}
