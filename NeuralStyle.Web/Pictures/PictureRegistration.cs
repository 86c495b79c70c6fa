namespace NeuralStyle.Web.Pictures;

public static class PictureRegistration
{
    public static IHostApplicationBuilder AddNeuralStylePictures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PictureCodec>();
        builder.Services.AddSingleton<PictureStore>();
        builder.Services.AddSingleton<SampleCatalog>();
        return builder;
    }
}
