namespace NeuralStyle.Web.Hosting;

/// <summary>
/// HEAD answered on every GET address, as RFC 9110 (9.3.2) asks: minimal API and Blazor endpoints match GET alone, so
/// a HEAD request is routed as the GET it mirrors. Kestrel still knows it was HEAD and sends the headers without the
/// body, whatever the endpoint writes.
/// </summary>
public static class HeadRequests
{
    /// <summary>Must come before routing: the route is chosen by the method.</summary>
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });
        return app;
    }
}
