using System.Security.Cryptography;
using System.Text;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Seals the few secrets the catalogue keeps — a snapshot's root tree key opens the whole snapshot — with a key
/// derived from the site keyring (<c>costor/v1/catalogue</c>), so a copy of the data disk alone yields none.
/// Sealed text: <c>sealed:</c> + base64(nonce 12 ‖ ciphertext ‖ tag 16), AES-256-GCM with a random nonce and the
/// owning row's id as associated data (a sealed value moved to another row does not open).
/// </summary>
public sealed class CatalogueSecrets(byte[] key)
{
    private const string Prefix = "sealed:";
    private const int NonceLength = 12, TagLength = 16;

    public static bool IsSealed(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(string secret, string rowId)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceLength + plain.Length + TagLength];
        var nonce = sealedBytes.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceLength, plain.Length), sealedBytes.AsSpan(NonceLength + plain.Length), Encoding.UTF8.GetBytes(rowId));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Opens a value <see cref="Seal"/> made for <paramref name="rowId"/>; throws <see cref="CryptographicException"/> otherwise.</summary>
    public string Open(string sealedText, string rowId)
    {
        var sealedBytes = Convert.FromBase64String(sealedText[Prefix.Length..]);
        var plain = new byte[sealedBytes.Length - NonceLength - TagLength];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceLength), sealedBytes.AsSpan(NonceLength, plain.Length), sealedBytes.AsSpan(NonceLength + plain.Length), plain,
            Encoding.UTF8.GetBytes(rowId));
        return Encoding.UTF8.GetString(plain);
    }
}
