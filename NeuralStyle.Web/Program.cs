using NeuralStyle.Web.Accounts;
using NeuralStyle.Web.Apis;
using NeuralStyle.Web.Cli;
using NeuralStyle.Web.Components;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Engine;
using NeuralStyle.Web.Hosting;
using NeuralStyle.Web.Hubs;
using NeuralStyle.Web.Jobs;
using NeuralStyle.Web.Limits;
using NeuralStyle.Web.Models;
using NeuralStyle.Web.Owners;
using NeuralStyle.Web.Pictures;

if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddNeuralStyleProxy();
builder.AddNeuralStyleData();
builder.AddNeuralStyleOwners();
builder.AddNeuralStyleAccounts();
builder.AddNeuralStylePictures();
builder.AddNeuralStyleModels();
builder.AddNeuralStyleEngine();
builder.AddNeuralStyleJobs();
builder.AddNeuralStyleHubs();
builder.AddNeuralStyleApi();
builder.AddNeuralStyleLimits();
builder.AddNeuralStyleUi();

var app = builder.Build();
app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHeadAsGet();
app.UseRouting();
app.UseAuthentication();
app.UseOwnerCookie();
app.UseAntiforgery();
app.UseRateLimiter();
app.MapNeuralStyleApi();
app.MapNeuralStyleAccounts();
app.MapNeuralStyleHubs();
app.MapNeuralStyleUi();
app.AnnounceAddressesWhenReady();
await app.RunAsync();
return 0;

public partial class Program;
