using System.Security.Cryptography;
using System.Text;
using CoStor.Appliance.Site;

namespace CoStor.Appliance.Hosting;

/// <summary>
/// The bearer token a Prometheus scraper sends for <c>/metrics</c> (<c>authorization.credentials_file</c> in its
/// scrape config). Kept in one file, root-only: <c>metrics.token_file</c> in the TOML, else <c>metrics.token</c> in
/// the data directory. A missing file is created with a random token; an existing one is used as it is, so an
/// admin may also write a token of their own (at least <see cref="MinLength"/> characters).
/// </summary>
public sealed class ScrapeCredential
{
    public const int MinLength = 16;
    private const string Prefix = "Bearer ";
    private readonly byte[] _hash;

    private ScrapeCredential(string token)
    {
        Token = token;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    public string Token { get; }

    /// <summary>Where the token lives for these options.</summary>
    public static string PathFor(Configuration.MetricsConfig metrics, DataDirectory data) => metrics.TokenFile ?? data.MetricsTokenPath;

    public static ScrapeCredential LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var created = "csm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            DurableFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(created + "\n"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var token = File.ReadAllText(path).Trim();
        if (token.Length < MinLength || token.Any(char.IsWhiteSpace))
            throw new Errors.ApplianceException($"{path}: the metrics scrape token must be one word of at least {MinLength} characters");
        return new ScrapeCredential(token);
    }

    /// <summary>True when <paramref name="authorization"/> is <c>Bearer &lt;token&gt;</c>; compared in constant time.</summary>
    public bool Accepts(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization.AsSpan(Prefix.Length).Trim().ToString()));
        return CryptographicOperations.FixedTimeEquals(presented, _hash);
    }
}
