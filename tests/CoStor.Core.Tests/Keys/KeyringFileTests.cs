using CoStor.Core.Errors;
using CoStor.Core.Keys;

namespace CoStor.Core.Tests.Keys;

public class KeyringFileTests
{
    private static readonly byte[] MachineKey = Enumerable.Repeat((byte)0x5A, 32).ToArray();

    [Test]
    public async Task Sealed_and_wrapped_files_open_with_their_keys()
    {
        var keyring = SiteKeyring.Create();
        var recovery = RecoveryKey.Generate();
        var sealedFile = KeyringFile.Seal(keyring, "École Nord", MachineKey);
        var wrapped = KeyringFile.Wrap(keyring, "École Nord", recovery);

        var a = KeyringFile.Open(sealedFile, MachineKey);
        var b = KeyringFile.Open(wrapped, recovery.Bytes);
        await Assert.That(a.Kind).IsEqualTo(KeyringKind.MachineSealed);
        await Assert.That(b.Kind).IsEqualTo(KeyringKind.RecoveryWrapped);
        await Assert.That(a.SiteName).IsEqualTo("École Nord");
        await Assert.That(a.Keyring.Master.SequenceEqual(keyring.Master)).IsTrue();
        await Assert.That(b.Keyring.Master.SequenceEqual(keyring.Master)).IsTrue();
        await Assert.That(KeyringFile.ReadSiteName(wrapped)).IsEqualTo("École Nord");
        await Assert.That(sealedFile.Length).IsEqualTo(4 + 1 + 1 + 1 + 11 + 16 + 12 + 32 + 16);
    }

    [Test]
    public async Task Wrong_key_throws_WrongKeyException()
    {
        var keyring = SiteKeyring.Create();
        var file = KeyringFile.Seal(keyring, "north", MachineKey);
        await Assert.That(() => KeyringFile.Open(file, new byte[32])).Throws<WrongKeyException>().WithMessageContaining("north");
        var wrapped = KeyringFile.Wrap(keyring, "north", RecoveryKey.Generate());
        await Assert.That(() => KeyringFile.Open(wrapped, RecoveryKey.Generate())).Throws<WrongKeyException>().WithMessageContaining("recovery key");
    }

    [Test]
    public async Task Altered_header_fails_authentication()
    {
        var file = KeyringFile.Seal(SiteKeyring.Create(), "north", MachineKey);
        file[7] = (byte)'s'; // site name "north" → "sorth": associated data
        await Assert.That(KeyringFile.ReadSiteName(file)).IsEqualTo("sorth");
        await Assert.That(() => KeyringFile.Open(file, MachineKey)).Throws<WrongKeyException>();
    }

    [Test]
    public async Task Malformed_files_throw_CorruptKeyringException()
    {
        var file = KeyringFile.Seal(SiteKeyring.Create(), "north", MachineKey);
        await Assert.That(() => KeyringFile.Open(file[..^1], MachineKey)).Throws<CorruptKeyringException>();
        await Assert.That(() => KeyringFile.Open([.. file, 0], MachineKey)).Throws<CorruptKeyringException>();
        await Assert.That(() => KeyringFile.ReadSiteName([])).Throws<CorruptKeyringException>();
        foreach (var (at, value) in new[] { (0, (byte)'X'), (4, (byte)2), (5, (byte)3), (6, (byte)0), (6, (byte)200) })
        {
            var bad = (byte[])file.Clone();
            bad[at] = value;
            await Assert.That(() => KeyringFile.Open(bad, MachineKey)).Throws<CorruptKeyringException>();
        }
    }

    [Test]
    public async Task Short_machine_key_is_refused()
    {
        await Assert.That(() => KeyringFile.Seal(SiteKeyring.Create(), "north", new byte[16])).Throws<ArgumentException>();
    }
}
