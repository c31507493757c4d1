using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using CoStor.Core.Errors;
using CoStor.Core.Formats;

namespace CoStor.Core.Keys;

/// <summary>
/// Keyring files (docs/design.md, "Keyring files"):
/// <code>
/// magic "CSKR" | version u8 = 1 | kind u8 (1 machine-sealed, 2 recovery-wrapped)
/// site name varint length + UTF-8 | salt (16) | nonce (12) | AES-256-GCM(wrapKey, M) (32 + 16 tag)
/// wrapKey = HKDF-SHA256(ikm = machine key or recovery key, salt, info "costor/v1/keyring-wrap")
/// </code>
/// The bytes before the nonce are the GCM associated data, so the site name and kind cannot be swapped.
/// </summary>
public static class KeyringFile
{
    public const byte Version = 1;
    public const int SaltLength = 16;
    public const int NonceLength = 12;
    public const int TagLength = 16;
    public const int MaxSiteNameLength = 255;

    /// <summary>Minimum length of a machine key (any secret of at least 256 bits).</summary>
    public const int MinSecretLength = 32;

    private static ReadOnlySpan<byte> Magic => "CSKR"u8;

    private static readonly byte[] WrapInfo = Encoding.ASCII.GetBytes("costor/v1/keyring-wrap");

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The machine-sealed file (<c>keyring.sealed</c>), with fresh random salt and nonce.</summary>
    public static byte[] Seal(SiteKeyring keyring, string siteName, ReadOnlySpan<byte> machineKey) =>
        Write(keyring, siteName, KeyringKind.MachineSealed, machineKey, RandomNumberGenerator.GetBytes(SaltLength), RandomNumberGenerator.GetBytes(NonceLength));

    /// <summary>The recovery-wrapped file (<c>keyring.recovery</c>), with fresh random salt and nonce.</summary>
    public static byte[] Wrap(SiteKeyring keyring, string siteName, RecoveryKey recoveryKey)
    {
        ArgumentNullException.ThrowIfNull(recoveryKey);
        return Write(keyring, siteName, KeyringKind.RecoveryWrapped, recoveryKey.Bytes, RandomNumberGenerator.GetBytes(SaltLength), RandomNumberGenerator.GetBytes(NonceLength));
    }

    /// <summary>Deterministic form for golden files: salt and nonce given. Never reuse a nonce with one wrap key.</summary>
    internal static byte[] Write(SiteKeyring keyring, string siteName, KeyringKind kind, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(siteName);
        CheckSecret(secret);
        if (salt.Length != SaltLength || nonce.Length != NonceLength)
        {
            throw new ArgumentException($"Keyring salt is {SaltLength} bytes and nonce {NonceLength}.");
        }

        byte[] name = StrictUtf8.GetBytes(siteName);
        if (name.Length is 0 or > MaxSiteNameLength)
        {
            throw new ArgumentException($"Site name must be 1 to {MaxSiteNameLength} UTF-8 bytes; got {name.Length}.", nameof(siteName));
        }

        var w = new ArrayBufferWriter<byte>(128 + name.Length);
        w.Bytes(Magic);
        w.U8(Version);
        w.U8((byte)kind);
        w.LengthPrefixed(name);
        w.Bytes(salt);
        int aadLength = w.WrittenCount;
        w.Bytes(nonce);
        int sealedAt = w.WrittenCount;
        var file = new byte[sealedAt + SiteKeyring.MasterLength + TagLength];
        w.WrittenSpan.CopyTo(file);

        using var aes = CreateCipher(secret, salt);
        aes.Encrypt(nonce, keyring.Master, file.AsSpan(sealedAt, SiteKeyring.MasterLength), file.AsSpan(sealedAt + SiteKeyring.MasterLength), file.AsSpan(0, aadLength));
        return file;
    }

    /// <summary>
    /// Opens a keyring file with the machine key or recovery key bytes. Throws
    /// <see cref="CorruptKeyringException"/> for a malformed file and <see cref="WrongKeyException"/> when
    /// the tag fails (wrong key, or the file was altered).
    /// </summary>
    public static OpenedKeyring Open(ReadOnlySpan<byte> file, ReadOnlySpan<byte> secret)
    {
        CheckSecret(secret);
        var header = Parse(file);
        var salt = file.Slice(header.SaltAt, SaltLength);
        var nonce = file.Slice(header.SaltAt + SaltLength, NonceLength);
        int sealedAt = header.SaltAt + SaltLength + NonceLength;
        Span<byte> master = stackalloc byte[SiteKeyring.MasterLength];
        using var aes = CreateCipher(secret, salt);
        try
        {
            aes.Decrypt(nonce, file.Slice(sealedAt, SiteKeyring.MasterLength), file[(sealedAt + SiteKeyring.MasterLength)..], master, file[..(header.SaltAt + SaltLength)]);
        }
        catch (AuthenticationTagMismatchException e)
        {
            string which = header.Kind == KeyringKind.MachineSealed ? "machine key" : "recovery key";
            throw new WrongKeyException($"The keyring of site \"{header.SiteName}\" cannot be opened: wrong {which}, or the file was altered.", e);
        }

        var keyring = SiteKeyring.FromMaster(master);
        CryptographicOperations.ZeroMemory(master);
        return new OpenedKeyring(keyring, header.SiteName, header.Kind);
    }

    public static OpenedKeyring Open(ReadOnlySpan<byte> file, RecoveryKey recoveryKey)
    {
        ArgumentNullException.ThrowIfNull(recoveryKey);
        return Open(file, recoveryKey.Bytes);
    }

    /// <summary>The site name, readable without a key. <see cref="CorruptKeyringException"/> if malformed.</summary>
    public static string ReadSiteName(ReadOnlySpan<byte> file) => Parse(file).SiteName;

    /// <summary>Which key wraps the file, readable without a key.</summary>
    public static KeyringKind ReadKind(ReadOnlySpan<byte> file) => Parse(file).Kind;

    private static (KeyringKind Kind, string SiteName, int SaltAt) Parse(ReadOnlySpan<byte> file)
    {
        var r = new ByteReader(file, static m => new CorruptKeyringException($"Corrupt keyring file: {m}."));
        if (!r.Bytes(Math.Min(4, file.Length), "magic").SequenceEqual(Magic))
        {
            throw new CorruptKeyringException("Not a keyring file: bad magic (expected \"CSKR\").");
        }

        byte version = r.U8("version");
        if (version != Version)
        {
            throw new CorruptKeyringException($"Keyring file has unknown version {version} (this build reads version {Version}).");
        }

        var kind = (KeyringKind)r.U8("kind");
        if (!Enum.IsDefined(kind))
        {
            throw new CorruptKeyringException($"Keyring file has unknown kind {(byte)kind} (expected 1 machine-sealed or 2 recovery-wrapped).");
        }

        string name = r.Utf8("site name", MaxSiteNameLength);
        if (name.Length == 0)
        {
            throw new CorruptKeyringException("Keyring file has an empty site name.");
        }

        int saltAt = r.Position;
        r.Bytes(SaltLength + NonceLength + SiteKeyring.MasterLength + TagLength, "salt, nonce and sealed secret");
        r.End("the sealed secret");
        return (kind, name, saltAt);
    }

    private static AesGcm CreateCipher(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> salt)
    {
        Span<byte> wrapKey = stackalloc byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, wrapKey, salt, WrapInfo);
        var aes = new AesGcm(wrapKey, TagLength);
        CryptographicOperations.ZeroMemory(wrapKey);
        return aes;
    }

    private static void CheckSecret(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < MinSecretLength)
        {
            throw new ArgumentException($"A keyring secret (machine or recovery key) is at least {MinSecretLength} bytes; got {secret.Length}.", nameof(secret));
        }
    }
}
