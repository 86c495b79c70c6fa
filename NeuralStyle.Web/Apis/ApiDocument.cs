using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Owners;

namespace NeuralStyle.Web.Apis;

/// <summary>
/// What the OpenAPI document says beyond the endpoints' own metadata: who a client is (the cookies), where the API is
/// (the server the document came from, never a Host header's echo), what each tag groups, and the job form's defaults.
/// </summary>
internal static class ApiDocument
{
    public const string OwnerCookieScheme = "ownerCookie";
    public const string AccountCookieScheme = "accountCookie";

    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Jobs"] = "Submit a style transfer, follow it, cancel it, and fetch its pictures. Live progress is also pushed on the SignalR hub at /hubs/progress.",
        ["Gallery"] = "Finished pictures you may see, newest first (`mine=true`: only yours), with their time-lapse; their owners (and admins) may delete them.",
        ["Models"] = "The networks a job can use, and the VGG19 weights this server can download.",
        ["Account"] = "Sign in and out, on servers that have accounts (NeuralStyle:Accounts:Enabled).",
    };

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "NeuralStyle",
                Version = "1",
                Description =
                    "Neural style transfer (Gatys, Ecker and Bethge, CVPR 2016) on a shared server. Every refusal is a ProblemDetails " +
                    "(RFC 9457) with a sentence a person can read; a 400 from validation lists its fields in `errors`. " +
                    $"The first answer sets an `{OwnerCookie.Name}` cookie: send it back, and the jobs you submit are yours to watch, " +
                    "cancel, delete and share (only a cookie this server issued counts); a job is private unless submitted with " +
                    $"`private=false`. On a server with accounts, signing in sets `{AccountRegistration.CookieName}` instead. " +
                    "Rate limits answer 429 with Retry-After.",
            };
            // The API is wherever this document was fetched from; a URL taken from the request's Host header would be whatever the client sent.
            document.Servers = [new OpenApiServer { Url = "/", Description = "The server this document was fetched from." }];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [OwnerCookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = OwnerCookie.Name,
                    Description = "Issued by this server on a client's first request (signed, so it cannot be made up): it owns the jobs submitted with it.",
                },
                [AccountCookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = AccountRegistration.CookieName,
                    Description = "Set by POST /api/account/signin on servers with accounts; the jobs of a signed-in person are the account's.",
                },
            };
            // Either cookie, or none: a request without one is served too (it is given an owner cookie).
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OwnerCookieScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AccountCookieScheme, document)] = [] },
                new OpenApiSecurityRequirement(),
            ];
            document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
            if (document.Components.Schemas?.TryGetValue(nameof(JobForm), out var schema) == true && schema is OpenApiSchema form)
            {
                FormDefaults(form, context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
            }

            // An enum's shared schema, when first made for a nullable use, lists null among its values; the nullable uses say so themselves.
            foreach (var values in document.Components.Schemas?.Values.OfType<OpenApiSchema>().Select(s => s.Enum).OfType<IList<JsonNode>>() ?? [])
            {
                foreach (var missing in values.Where(value => value is null).ToList())
                {
                    values.Remove(missing!);
                }
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Describes the <c>key</c> query parameter of the routes that show a job (its pictures, losses and time-lapse): the
    /// secret of a share link, which lets whoever has the link see a private job without owning it.
    /// </summary>
    public static Task ShareKeyParameter(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.Name == "key" && p.In == ParameterLocation.Query) ?? [])
        {
            parameter.Description =
                "The key of the job's share link (the `key` in the link its owner shared): with it, anyone may see a private job's pictures. " +
                "Not needed for a job that is not private, nor by its owner and the admins.";
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The job form's defaults, read from <see cref="JobSettings"/> itself so that the document cannot drift from it, in
    /// each field's description. Not as <c>default</c>: client generators (openapi-typescript) take a field with a
    /// default for one the server always fills in, and so make a client send it.
    /// </summary>
    private static void FormDefaults(OpenApiSchema form, JsonSerializerOptions json)
    {
        var defaults = JsonSerializer.SerializeToNode(new JobSettings(), json)!.AsObject();
        foreach (var (name, property) in form.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            // The style weight's default depends on the network chosen (its recommended weight), which its description says.
            if (name != "styleWeight" && defaults[name] is JsonValue value && property is OpenApiSchema concrete)
            {
                var described = concrete.Description ?? concrete.OneOf?.OfType<OpenApiSchemaReference>().Select(r => r.Description).FirstOrDefault();
                concrete.Description = $"{described} Left out: {value.ToJsonString(json)}.".TrimStart();
            }
        }
    }
}
