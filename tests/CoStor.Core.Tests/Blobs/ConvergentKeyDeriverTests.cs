using System.Security.Cryptography;
using CoStor.Core.Blobs;

namespace CoStor.Core.Tests.Blobs;

public class ConvergentKeyDeriverTests
{
    [Test]
    public async Task Every_key_equals_the_one_shot_derivation()
    {
        var keyingKey = RandomNumberGenerator.GetBytes(32);
        var hashes = RandomNumberGenerator.GetBytes(200 * 32);
        var keys = new byte[hashes.Length];
        using (var deriver = new ConvergentKeyDeriver(keyingKey))
            for (var i = 0; i < 200; i++)
                deriver.Derive(hashes.AsSpan(i * 32, 32), keys.AsSpan(i * 32, 32));

        for (var i = 0; i < 200; i++)
            await Assert.That(BlobKey.Read(keys.AsSpan(i * 32, 32))).IsEqualTo(ConvergentKey.Derive(keyingKey, hashes.AsSpan(i * 32, 32)));
    }

    [Test]
    [Arguments(0)]
    [Arguments(31)]
    [Arguments(33)]
    public async Task A_payload_hash_of_the_wrong_length_is_refused(int length)
    {
        using var deriver = new ConvergentKeyDeriver(new byte[32]);
        await Assert.That(() => deriver.Derive(new byte[length], new byte[32])).Throws<ArgumentException>();
    }

    [Test]
    public async Task A_short_keying_key_is_refused() =>
        await Assert.That(() => new ConvergentKeyDeriver(new byte[31])).Throws<ArgumentException>();
}
