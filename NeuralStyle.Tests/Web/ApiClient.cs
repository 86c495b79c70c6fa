using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using NeuralStyle.Web.Apis;
using NeuralStyle.Web.Data;
using NeuralStyle.Web.Jobs;

namespace NeuralStyle.Tests.Web;

/// <summary>Reads the API's JSON as a client would (camelCase enum names).</summary>
public static class ApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<JobCreated> SubmitAsync(this HttpClient client, MultipartFormDataContent form)
    {
        var response = await client.PostAsync("/api/jobs", form);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JobCreated>(Json))!;
    }

    public static async Task<JobStatus> StatusAsync(this HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JobStatus>($"/api/jobs/{id}", Json))!;

    public static async Task<JobStatus> WaitForAsync(this HttpClient client, Guid id, Func<JobStatus, bool> condition, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var status = await client.StatusAsync(id);
            if (condition(status))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Job {id} stayed {status.State} (iteration {status.Iteration}).");
            await Task.Delay(20);
        }
    }

    public static Task<JobStatus> WaitUntilFinishedAsync(this HttpClient client, Guid id, double seconds = 20) =>
        client.WaitForAsync(id, s => s.State is not (JobState.Queued or JobState.Running), seconds);
}
