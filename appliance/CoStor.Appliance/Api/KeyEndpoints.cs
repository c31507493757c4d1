using CoStor.Appliance.Authentication;
using CoStor.Appliance.Hosting;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Api;

/// <summary>
/// <c>POST /api/v1/keys</c>: body is N × 32 bytes of <c>SHA-256(payload)</c>, reply N × 32 bytes of chunk
/// keys <c>HMAC(K_conv, hash)</c> in the same order. <c>K_conv</c> never leaves the appliance.
/// </summary>
public static class KeyEndpoints
{
    public static void MapKeys(this IEndpointRouteBuilder app) =>
        app.MapPost("/keys", DeriveKeys).WithSummary("Chunk keys for a batch of payload hashes (rate-limited per agent)")
            .AcceptsBinary($"N × 32 bytes: SHA-256 of each payload, 1 ≤ N ≤ {ProtocolLimits.MaxKeysPerRequest}")
            .ProducesBinary("N × 32 bytes: the chunk key of each hash, in request order")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> DeriveKeys(HttpContext context, AgentCaller agent, SiteContext site, KeyRateLimiter limiter, CancellationToken cancellationToken)
    {
        var body = await HashListBody.ReadAsync(context.Request, ProtocolLimits.MaxKeysPerRequest, cancellationToken);
        if (body.TooMany)
            return ApiErrors.BadRequest($"at most {ProtocolLimits.MaxKeysPerRequest} hashes per request");
        if (body.Bytes is not { } hashes)
            return ApiErrors.BadRequest($"body must be a non-empty sequence of 32-byte payload hashes (got {body.Received} bytes)");
        var count = body.Count;
        if (!limiter.TryTake(agent.Id, count, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiErrors.Error(StatusCodes.Status429TooManyRequests, $"key request rate exceeded; retry after {Math.Ceiling(retryAfter.TotalSeconds)} s");
        }
        var keys = new byte[hashes.Length];
        using (var deriver = new ConvergentKeyDeriver(site.Keys.Keyring.ConvergenceKey))
            for (var i = 0; i < count; i++)
                deriver.Derive(hashes.AsSpan(i * 32, 32), keys.AsSpan(i * 32, 32));
        return TypedResults.Bytes(keys, "application/octet-stream");
    }
}
