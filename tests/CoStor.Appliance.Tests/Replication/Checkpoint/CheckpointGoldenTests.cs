using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Replication.Checkpoint;

/// <summary>The v1 checkpoint golden file opens, and materialises into a catalogue of today's schema, forever after.</summary>
public class CheckpointGoldenTests
{
    private static string GoldenDirectory => Path.Combine(AppContext.BaseDirectory, "testdata", "v1");

    [Test]
    public async Task The_v1_golden_checkpoint_verifies_opens_and_materialises()
    {
        var bytes = File.ReadAllBytes(Path.Combine(GoldenDirectory, "checkpoint"));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(GoldenDirectory, "checkpoint-ca.crt")));

        await Assert.That(CheckpointCodec.Verify(bytes, ca)).IsEqualTo(5);
        var content = CheckpointCodec.Open(bytes, ca, CheckpointGolden.Keyring);
        var expected = CheckpointGolden.Content();
        await Assert.That(System.Text.Json.JsonSerializer.Serialize(content, CheckpointJsonContext.Default.CheckpointContent))
            .IsEqualTo(System.Text.Json.JsonSerializer.Serialize(expected, CheckpointJsonContext.Default.CheckpointContent));

        using var scratch = new ScratchDirectory();
        var (sequence, json) = CheckpointCodec.OpenJson(bytes, ca, CheckpointGolden.Keyring);
        var (database, summary) = CheckpointMaterialiser.WriteJson(json, expected.Site, sequence, Path.Combine(scratch.Path, "catalogue.db"));
        await Assert.That(summary.Snapshots).IsEqualTo(1);
        var rows = CheckpointTables.Read(database);
        await Assert.That(rows.Snapshots.Single().RecordJson).IsEqualTo(expected.Snapshots[0].RecordJson);
        await Assert.That(rows.Packs.Single().Blobs.Single().Length).IsEqualTo(900);
        await Assert.That(rows.Users.Single().GroupGrants.Single()).IsEqualTo(1);
    }

    /// <summary>Writes the golden files, by hand, once per format version. Never rerun it to make the test above pass.</summary>
    [Test]
    [Explicit]
    public async Task Generate_v1_golden_checkpoint()
    {
        var (certificate, key) = CheckpointGolden.Authority();
        using var _ = certificate;
        using var __ = key;
        var dir = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "..", "testdata", "v1"));
        var bytes = CheckpointCodec.Encode(CheckpointGolden.Content(), CheckpointGolden.Keyring,
            data => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        File.WriteAllBytes(Path.Combine(dir, "checkpoint"), bytes);
        File.WriteAllText(Path.Combine(dir, "checkpoint-ca.crt"), certificate.ExportCertificatePem());
        await Assert.That(CheckpointCodec.Verify(bytes, certificate)).IsEqualTo(5);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
