using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CoStor.Appliance.Api;

/// <summary>
/// Reads a JSON request body with a size cap and turns every failure into one clear sentence, rather than
/// the framework's empty 400.
/// </summary>
public static class ApiJson
{
    public const int MaxJsonBody = 1 << 20;

    public static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxJsonBody)
            return (null, $"request body is larger than {MaxJsonBody} bytes");
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length > MaxJsonBody)
                return (null, $"request body is larger than {MaxJsonBody} bytes");
            if (buffer.Length == 0)
                return (null, "request body is empty; expected JSON");
            var value = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeInfo);
            return value is null ? (null, "request body is JSON null") : (value, null);
        }
        catch (JsonException e)
        {
            return (null, $"malformed JSON: {e.Message}");
        }
    }
}
