using System.Security.Cryptography;
using System.Text;

namespace CoStor.Core.Keys;

/// <summary>
/// A site's master secret M (32 random bytes) and the keys derived from it with HKDF-SHA256
/// (salt empty, 32 bytes out; docs/design.md, "Keys"). Derived keys are returned as fresh copies.
/// </summary>
public sealed class SiteKeyring
{
    public const int MasterLength = 32;

    private readonly byte[] _master;

    private SiteKeyring(byte[] master) => _master = master;

    public static SiteKeyring Create() => new(RandomNumberGenerator.GetBytes(MasterLength));

    public static SiteKeyring FromMaster(ReadOnlySpan<byte> master)
    {
        if (master.Length != MasterLength)
        {
            throw new ArgumentException($"A site master secret is {MasterLength} bytes; got {master.Length}.", nameof(master));
        }

        return new SiteKeyring(master.ToArray());
    }

    /// <summary>M itself: needed only to wrap the keyring.</summary>
    public ReadOnlySpan<byte> Master => _master;

    /// <summary>K_conv: keys data chunks. Info "costor/v1/convergence".</summary>
    public byte[] ConvergenceKey => Derive("costor/v1/convergence");

    /// <summary>Seed of the gear table. Info "costor/v1/chunker".</summary>
    public byte[] ChunkerSeed => Derive("costor/v1/chunker");

    /// <summary>Seed of the site CA's key. Info "costor/v1/ca".</summary>
    public byte[] CaSeed => Derive("costor/v1/ca");

    /// <summary>Seals the secrets the catalogue keeps (snapshot root keys), so the data disk alone yields none.</summary>
    public byte[] CatalogueKey => Derive("costor/v1/catalogue");

    /// <summary>Encrypts the site's catalogue checkpoints (docs/replication.md), which peers hold but cannot read. Info "costor/v1/checkpoint".</summary>
    public byte[] CheckpointKey => Derive("costor/v1/checkpoint");

    /// <summary>K_meta(agent): keys one agent's trees and snapshot records. Info "costor/v1/metadata/" + agent id (UTF-8).</summary>
    public byte[] MetadataKey(string agentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        return Derive("costor/v1/metadata/" + agentId);
    }

    private byte[] Derive(string info) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, salt: [], info: Encoding.UTF8.GetBytes(info));
}
