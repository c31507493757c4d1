using System.Net;
using CoStor.Appliance.Site;

namespace CoStor.Appliance.Cli;

/// <summary>
/// What <c>serve</c> prints once it listens: the web UI's address first (with the one-time setup link while no admin
/// exists), then the recovery key of a new site, then the CA fingerprint. Commands are shown the way this process was
/// started, so they work as printed (from source that is <c>dotnet …/costor-appliance.dll</c>, not a name on no PATH).
/// </summary>
public static class StartMessage
{
    public static void Print(string site, DataDirectory data, ICollection<string> addresses, string fingerprint, string? recovery, string? setupCode, ProcessSurroundings surroundings)
    {
        var output = Console.Out;
        var ui = addresses.Select(BrowserUrl).FirstOrDefault(url => url.StartsWith("https://", StringComparison.Ordinal)) ?? addresses.Select(BrowserUrl).FirstOrDefault();
        output.WriteLine($"CoStor appliance for site '{site}' is running.");
        if (ui is not null && setupCode is not null)
            output.WriteLine($"Open {ui}setup?code={setupCode} in a browser to create the first administrator (the link works once).");
        else if (ui is not null)
            output.WriteLine($"Web UI: {ui}");
        if (recovery is not null)
        {
            output.WriteLine($"recovery key: {recovery}");
            output.WriteLine("  Store the recovery key offline now: it is shown only this once and is needed to restore this site elsewhere.");
        }
        foreach (var address in addresses)
            output.WriteLine($"listening on {address}");
        // Last of the lines a supervisor or test waits for: every address above is bound by now.
        output.WriteLine($"CA fingerprint: {fingerprint}");
        output.WriteLine($"data: {data.Root}");
        output.WriteLine($"enrol a PC: create a token in the web UI (or: {surroundings.Command()} token create --data {data.Root}), then on the PC: costor-agent enrol --appliance {ui ?? "<url>"} --token <token>");
        output.Flush();
    }

    /// <summary>A listening address as a browser would open it: a wildcard host becomes this machine's name.</summary>
    internal static string BrowserUrl(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri))
            return address.TrimEnd('/') + "/";
        var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? Dns.GetHostName()
            : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri.ToString();
    }
}
