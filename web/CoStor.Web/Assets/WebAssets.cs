using System.Collections.Frozen;
using System.Security.Cryptography;

namespace CoStor.Web.Assets;

/// <summary>
/// The UI's static files, embedded in the binary: our stylesheet and script, and htmx from npm. Each has a
/// content hash; pages link <c>/assets/{name}?v={hash}</c>, so a file can be cached for a year and a new build is
/// fetched at once.
/// </summary>
public static class WebAssets
{
    public sealed record Asset(string Name, string ContentType, byte[] Content, string Version);

    private static readonly FrozenDictionary<string, Asset> All = new[]
    {
        Load("htmx.min.js", "text/javascript; charset=utf-8"),
        Load("ui.js", "text/javascript; charset=utf-8"),
        Load("site.css", "text/css; charset=utf-8"),
        Load("icon.svg", "image/svg+xml"),
    }.ToFrozenDictionary(asset => asset.Name, StringComparer.Ordinal);

    public static Asset? Find(string name) => All.GetValueOrDefault(name);

    /// <summary>The URL a page links to: changes whenever the content does.</summary>
    public static string Url(string name) => $"/assets/{name}?v={All[name].Version}";

    private static Asset Load(string name, string contentType)
    {
        using var stream = typeof(WebAssets).Assembly.GetManifestResourceStream($"CoStor.Web.assets.{name}")
            ?? throw new InvalidOperationException($"embedded asset {name} is missing from the build");
        var content = new byte[stream.Length];
        stream.ReadExactly(content);
        return new Asset(name, contentType, content, Convert.ToHexStringLower(SHA256.HashData(content))[..16]);
    }
}
