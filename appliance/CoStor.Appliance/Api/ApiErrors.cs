using CoStor.Core.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoStor.Appliance.Api;

/// <summary>The one place the agent API turns a refusal into a status code and an <see cref="ErrorResponse"/>.</summary>
public static class ApiErrors
{
    public static JsonHttpResult<ErrorResponse> Error(int status, string message, IReadOnlyList<string>? details = null) =>
        TypedResults.Json(new ErrorResponse(message, details), ProtocolJsonContext.Default.ErrorResponse, statusCode: status);

    public static JsonHttpResult<ErrorResponse> BadRequest(string message, IReadOnlyList<string>? details = null) => Error(StatusCodes.Status400BadRequest, message, details);

    public static JsonHttpResult<ErrorResponse> Unauthorized() =>
        Error(StatusCodes.Status401Unauthorized, "unknown agent or wrong credential (expected 'Authorization: Bearer <agent>.<credential>')");

    public static JsonHttpResult<ErrorResponse> NotFound(string message) => Error(StatusCodes.Status404NotFound, message);
}
