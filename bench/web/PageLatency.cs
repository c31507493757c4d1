using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CoStor.Bench.Web;

/// <summary>
/// Times GETs of web UI pages as a signed-in person, the way a browser asks for them: HTTPS, one keep-alive
/// connection, cookies sent back. The appliance's certificate is not checked (a bench on loopback; the pages, not
/// the trust, are measured). Percentiles are nearest-rank over the N timed requests.
/// </summary>
internal static partial class PageLatency
{
    private const int WarmUp = 20;

    public static async Task<int> RunAsync(Uri appliance, string user, string password, int n, IReadOnlyList<string> paths)
    {
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 1,
            SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
        };
        using var client = new HttpClient(handler) { BaseAddress = appliance };
        var cookies = new Dictionary<string, string>();
        await SignInAsync(client, cookies, user, password);
        foreach (var path in paths)
        {
            var bytes = 0L;
            for (var i = 0; i < WarmUp; i++)
                (_, _, bytes) = await GetAsync(client, cookies, path);
            var total = new double[n];
            var headers = new double[n];
            for (var i = 0; i < n; i++)
                (total[i], headers[i], bytes) = await GetAsync(client, cookies, path);
            Array.Sort(total);
            Array.Sort(headers);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"web page {path} {n} {Rank(total, 50):F1} {Rank(total, 95):F1} {Rank(total, 99):F1} {Rank(headers, 50):F1} {Rank(headers, 95):F1} {bytes}"));
        }
        return 0;
    }

    /// <summary>GET /login for the anti-forgery cookie and field, then POST the form; keeps the session cookie.</summary>
    private static async Task SignInAsync(HttpClient client, Dictionary<string, string> cookies, string user, string password)
    {
        using var form = await SendAsync(client, cookies, new HttpRequestMessage(HttpMethod.Get, "/login"));
        var html = await form.Content.ReadAsStringAsync();
        var match = CsrfField().Match(html);
        var token = match.Success ? match.Groups[match.Groups[1].Success ? 1 : 2].Value : throw new InvalidOperationException("no __csrf field in /login");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([new("name", user), new("password", password), new("__csrf", System.Net.WebUtility.HtmlDecode(token))]),
        };
        using var reply = await SendAsync(client, cookies, post);
        if (!cookies.ContainsKey("__Host-costor-session"))
            throw new InvalidOperationException($"sign-in refused: {(int)reply.StatusCode}");
    }

    private static async Task<(double TotalMs, double HeadersMs, long Bytes)> GetAsync(HttpClient client, Dictionary<string, string> cookies, string path)
    {
        var clock = Stopwatch.StartNew();
        using var reply = await SendAsync(client, cookies, new HttpRequestMessage(HttpMethod.Get, path));
        var headers = clock.Elapsed.TotalMilliseconds;
        var body = await reply.Content.ReadAsByteArrayAsync();
        var total = clock.Elapsed.TotalMilliseconds;
        if (reply.StatusCode != System.Net.HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path}: {(int)reply.StatusCode}");
        return (total, headers, body.LongLength);
    }

    /// <summary>Sends with the cookies held so far and keeps any the reply sets (name=value only; all are host-only).</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Dictionary<string, string> cookies, HttpRequestMessage request)
    {
        using (request)
        {
            if (cookies.Count > 0)
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
            var reply = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (reply.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var line in set)
                {
                    var pair = line.Split(';', 2)[0].Split('=', 2);
                    cookies[pair[0].Trim()] = pair.Length > 1 ? pair[1] : "";
                }
            return reply;
        }
    }

    private static double Rank(double[] sorted, int percent) => sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];

    [GeneratedRegex("name=\"__csrf\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"__csrf\"")]
    private static partial Regex CsrfField();
}
