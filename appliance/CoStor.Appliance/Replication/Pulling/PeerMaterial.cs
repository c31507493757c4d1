using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Replication.Api;
using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Site;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Replication.Pulling;

/// <summary>
/// Steps (a) and (b) of a pull round: the peer's recovery-wrapped keyring (kept in <c>peers/NAME/keyring.recovery</c>,
/// 0600, after checking that the CA it names is the pinned one) and its latest checkpoint (kept in
/// <c>peers/NAME/checkpoint</c> only when its signature verifies against the peer's pinned CA and its sequence is newer).
/// </summary>
public static class PeerMaterial
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Fetches and keeps the keyring; throws <see cref="PullException"/> when the peer serves another site's or another CA's.</summary>
    public static async Task FetchKeyringAsync(HttpClient http, PeerConfig peer, DataDirectory data, CancellationToken cancellationToken)
    {
        var material = await http.GetFromJsonAsync("peer/v1/keyring", ReplicationJsonContext.Default.PeerKeyring, cancellationToken)
            ?? throw new PullException("the peer's keyring answer was empty");
        if (!string.Equals(material.Site, peer.Name, StringComparison.OrdinalIgnoreCase))
            throw new PullException($"the peer says it is site {material.Site}, not {peer.Name}");
        using var ca = X509Certificate2.CreateFromPem(material.Ca);
        if (!CertificateFingerprint.Matches(ca, peer.Fingerprint))
            throw new PullException($"the peer's keyring names a CA with fingerprint {CertificateFingerprint.Of(ca)}, not the pinned {peer.Fingerprint}");
        var keyring = Convert.FromBase64String(material.Keyring);
        var folder = data.PeerPath(peer.Name);
        Directory.CreateDirectory(folder);
        var keyringPath = Path.Combine(folder, PeerFiles.Keyring);
        if (!File.Exists(keyringPath) || !File.ReadAllBytes(keyringPath).AsSpan().SequenceEqual(keyring))
            DurableFile.WriteAllBytes(keyringPath, keyring, Private);
        var caPath = Path.Combine(folder, PeerFiles.Ca);
        if (!File.Exists(caPath))
            DurableFile.WriteAllBytes(caPath, System.Text.Encoding.ASCII.GetBytes(ca.ExportCertificatePem()), Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    /// <summary>
    /// Fetches the checkpoint and keeps it when newer; returns its sequence, or null when the peer has none yet.
    /// A checkpoint that does not verify against <paramref name="ca"/> is refused (<see cref="PullException"/>).
    /// </summary>
    public static async Task<long?> FetchCheckpointAsync(HttpClient http, PeerConfig peer, X509Certificate2 ca, DataDirectory data, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("peer/v1/checkpoint", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        long sequence;
        try
        {
            sequence = CheckpointCodec.Verify(bytes, ca);
        }
        catch (CheckpointException e)
        {
            throw new PullException("refused the peer's checkpoint: " + e.Message);
        }
        var path = Path.Combine(data.PeerPath(peer.Name), PeerFiles.Checkpoint);
        long? held = null;
        if (File.Exists(path))
        {
            try
            {
                held = CheckpointCodec.Verify(File.ReadAllBytes(path), ca);
            }
            catch (CheckpointException)
            {
                held = null; // a damaged copy is replaced
            }
        }
        if (held is null || sequence > held)
            DurableFile.WriteAllBytes(path, bytes, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return sequence;
    }
}
