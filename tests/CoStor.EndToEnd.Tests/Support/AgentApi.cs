using System.Net.Http.Headers;
using System.Text.Json;
using CoStor.Agent.State;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;

namespace CoStor.EndToEnd.Tests.Support;

/// <summary>Raw HTTP access to the agent API as an enrolled agent, for sending deliberately bad requests.</summary>
public static class AgentApi
{
    public static HttpClient Anonymous(ApplianceProcess appliance) =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = new Uri(appliance.Url) };

    public static HttpClient As(ApplianceProcess appliance, string stateDir)
    {
        var identity = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(stateDir, "agent.json")), AgentJsonContext.Default.AgentIdentity)!;
        var client = Anonymous(appliance);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{identity.AgentId}.{identity.Credential}");
        return client;
    }

    /// <summary>A client holding the appliance's metrics scrape token (the file <c>serve</c> creates in the data directory).</summary>
    public static HttpClient Scraper(ApplianceProcess appliance)
    {
        var client = Anonymous(appliance);
        var token = File.ReadAllText(Path.Combine(appliance.DataDir, "metrics.token")).Trim();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>One upload frame (the pack frame layout) around <paramref name="blob"/>, whatever its id.</summary>
    public static byte[] Frame(BlobType type, BlobId id, byte[] blob)
    {
        var frame = new byte[FrameHeader.Length + blob.Length];
        FrameHeader.Write(frame, type, blob.Length, id);
        blob.CopyTo(frame, FrameHeader.Length);
        return frame;
    }

    public static ByteArrayContent Binary(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}
