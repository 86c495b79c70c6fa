using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace NeuralStyle.Web.Pictures;

public static class PictureRegistration
{
    /// <summary>Upload limits, the imaging door, picture files, and the bundled samples.</summary>
    public static IHostApplicationBuilder AddNeuralStylePictures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PictureCodec>();
        builder.Services.AddSingleton<PictureStore>();
        builder.Services.AddSingleton<SampleCatalog>();

        // One request carries a content picture and up to MaxStylePictures styles; Kestrel's 30 MB default is too small.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<UploadOptions>>((kestrel, uploads) =>
            kestrel.Limits.MaxRequestBodySize = RequestLimit(uploads.Value));
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<UploadOptions>>((form, uploads) =>
            form.MultipartBodyLengthLimit = RequestLimit(uploads.Value));
        return builder;
    }

    /// <summary>The most bytes one request may carry: a content picture, the most style pictures, and room for the fields.</summary>
    public static long RequestLimit(UploadOptions uploads) => uploads.MaxBytes * (uploads.MaxStylePictures + 1) + 1_000_000;
}
