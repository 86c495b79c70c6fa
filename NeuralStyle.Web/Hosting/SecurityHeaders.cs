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
        // HSTS only matters (and is only sent by the middleware) over HTTPS; a development machine keeps plain HTTP usable.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

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
