using System.Text.Json;
using System.Text.Json.Serialization;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Limits;

namespace NeuralStyle.Web.Apis;

public static class ApiRegistration
{
    /// <summary>JSON with camelCase enum names ("queued", "lbfgs"), ProblemDetails, the OpenAPI document and /healthz.</summary>
    public static IHostApplicationBuilder AddNeuralStyleApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // Numbers are numbers: the web defaults also read them from strings, which the document would then type as "integer or string".
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<RequestBodyProblems>();
        // A lambda, not a method group: the OpenAPI source generator adds the XML comments' descriptions only to calls it can intercept.
        builder.Services.AddOpenApi(options => ApiDocument.Describe(options));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static WebApplication MapNeuralStyleApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapHealthChecks("/healthz");
        var api = app.MapGroup("").RequireRateLimiting(RateLimitRegistration.Requests).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapJobsApi();
        api.MapGalleryApi();
        api.MapModelsApi();
        return app;
    }
}
