namespace NeuralStyle.Web.Hosting;

/// <summary>Response headers that keep browsers from sniffing, framing, or leaking addresses, on every response.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from this site (blazor.web.js and MudBlazor's script need neither eval nor inline code); inline
    /// styles are allowed because MudBlazor sets style attributes; data: pictures are the Create page's previews; the
    /// Blazor circuit connects back to this site ('self' covers its WebSocket).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // The middleware sends HSTS only over HTTPS and never for localhost, so plain HTTP on one's own machine stays usable.
        app.UseHsts();

        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(context);
        });
        return app;
    }
}
