using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Core.Keys;

namespace CoStor.Appliance.Tests.Replication.Checkpoint;

/// <summary>
/// The inputs of the v1 golden checkpoint (tests/testdata/v1/checkpoint, signed by checkpoint-ca.crt): a fixed master
/// secret and a small content whose rows satisfy the catalogue's foreign keys.
/// </summary>
public static class CheckpointGolden
{
    public static SiteKeyring Keyring => SiteKeyring.FromMaster([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    public const string Agent = "0123456789abcdef", Snapshot = "00112233445566778899aabbccddeeff", Session = "ffeeddccbbaa99887766554433221100";
    public const string Pack = "aa00000000000000000000000000000000000000000000000000000000000000";
    public static readonly byte[] Blob = [.. Enumerable.Repeat((byte)0xb1, 32)];

    public static CheckpointContent Content() => new(1, "golden", 5, new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero),
        [new CheckpointAgent(Agent, "pc", "pc.local", [.. Enumerable.Repeat((byte)0x5a, 32)], "2026-12-01T08:00:00.0000000Z", null, null, 1, 1440, [Blob], [Blob])],
        [new CheckpointGroup(1, "Room 12", "2026-12-01T08:00:00.0000000Z")],
        [new CheckpointUser("ann", "restorer", "pbkdf2-sha256$600000$AAAA$BBBB", "2026-12-01T08:00:00.0000000Z", "2026-12-01T08:00:00.0000000Z", null, [Agent], [1])],
        [new CheckpointSession(Session, Agent, "2026-12-01T09:00:00.0000000Z", Snapshot)],
        [new CheckpointSnapshot(Snapshot, Agent, Session, "pc.local", "2026-12-01T09:00:00.0000000Z", "2026-12-01T09:05:00.0000000Z", "complete", Blob,
            "{\"id\":\"" + Snapshot + "\",\"root\":{\"id\":\"00\",\"key\":\"sealed:AAAA\"}}", 1, 2, 3, 0)],
        [new CheckpointPack(Pack, 1000, 1, "2026-12-01T09:00:00.0000000Z", "2026-12-01T09:06:00.0000000Z", [new CheckpointBlob(Blob, 2, 0, 900)])],
        [new CheckpointRetirement(Pack, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero))],
        [new CheckpointPeer("south", "https://south.example:8443/", new string('e', 64))]);

    /// <summary>The golden file's CA: a self-signed P-256 certificate over the keyring's CA seed.</summary>
    public static (X509Certificate2 Certificate, ECDsa Key) Authority()
    {
        var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Keyring.CaSeed });
        var request = new CertificateRequest("CN=CoStor site CA golden", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        var now = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);
        return (request.CreateSelfSigned(now, now.AddYears(30)), key);
    }
}
