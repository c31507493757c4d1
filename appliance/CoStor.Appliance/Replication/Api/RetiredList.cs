using CoStor.Appliance.Replication.Retention;

namespace CoStor.Appliance.Replication.Api;

/// <summary>
/// <c>GET /peer/v1/retired</c>: the owner's signed retention decisions (<see cref="RetentionDecisions"/>);
/// <paramref name="Signature"/> is the DER signature, base64.
/// </summary>
public sealed record RetiredList(string Site, IReadOnlyList<RetiredPack> Decisions, byte[] Signature)
{
    public static RetiredList From(RetentionDecisions signed) =>
        new(signed.Site, [.. signed.Decisions.Select(d => new RetiredPack(d.Pack, d.RetiredAt))], signed.Signature);

    public RetentionDecisions ToDecisions() =>
        new(Site, [.. (Decisions ?? []).Select(d => new RetentionDecision(d.Pack, d.At))], Signature ?? []);
}
