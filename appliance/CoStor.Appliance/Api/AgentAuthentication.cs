using CoStor.Appliance.Catalogue;

namespace CoStor.Appliance.Api;

/// <summary>Agents authenticate every call with <c>Authorization: Bearer {agentId}.{credential}</c>.</summary>
public static class AgentAuthentication
{
    public static AgentRecord? Authenticate(HttpContext context, EnrolmentStore store)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var value = header.AsSpan(prefix.Length).Trim();
        var dot = value.IndexOf('.');
        if (dot <= 0 || dot == value.Length - 1 || value.Length > 256)
            return null;
        return store.Authenticate(value[..dot].ToString(), value[(dot + 1)..].ToString());
    }
}
