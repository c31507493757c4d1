using CoStor.Web.Assets;

namespace CoStor.Appliance.Web.Shell;

/// <summary><c>GET /assets/{name}</c>: the embedded stylesheet and scripts, cacheable for a year (URLs carry a hash).</summary>
public static class AssetEndpoints
{
    public static void MapAssets(this IEndpointRouteBuilder app) =>
        app.MapGet("/assets/{name}", IResult (string name, HttpContext context) =>
        {
            if (WebAssets.Find(name) is not { } asset)
                return TypedResults.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{asset.Version}\""));
        }).AllowAnonymous().ExcludeFromDescription();
}
