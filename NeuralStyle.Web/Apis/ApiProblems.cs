using Microsoft.AspNetCore.Http.HttpResults;

namespace NeuralStyle.Web.Apis;

/// <summary>ProblemDetails with sentences a person understands.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: $"No such {what}.", detail: $"There is no {what} with this id; it may have been deleted.", statusCode: StatusCodes.Status404NotFound);
}
