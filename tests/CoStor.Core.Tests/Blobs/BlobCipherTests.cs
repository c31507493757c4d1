using System.Security.Cryptography;
using CoStor.Core.Blobs;

namespace CoStor.Core.Tests.Blobs;

public class BlobCipherTests
{
    [Test]
    public async Task Encrypting_in_place_gives_the_same_blob_as_into_a_separate_buffer()
    {
        var key = BlobKey.Read(Enumerable.Range(0, 32).Select(i => (byte)(i * 3)).ToArray());
        var payload = RandomNumberGenerator.GetBytes(100_000);
        var separate = new byte[payload.Length + BlobCipher.Overhead];
        BlobCipher.Encrypt(key, payload, separate);

        // The agent's uploader: the payload sits at the start of the blob's own room and is overwritten.
        var inPlace = new byte[payload.Length + BlobCipher.Overhead];
        payload.CopyTo(inPlace, 0);
        BlobCipher.Encrypt(key, inPlace.AsSpan(0, payload.Length), inPlace);

        await Assert.That(Convert.ToHexString(inPlace)).IsEqualTo(Convert.ToHexString(separate));
        var decrypted = new byte[payload.Length];
        BlobCipher.Decrypt(key, inPlace, decrypted);
        await Assert.That(Convert.ToHexString(decrypted)).IsEqualTo(Convert.ToHexString(payload));
    }
}
