using System.Runtime.CompilerServices;
using CoStor.Core.Blobs;

namespace CoStor.Core.Tests.Golden;

/// <summary>
/// Writes tests/testdata/v1 from <see cref="GoldenInputs"/>. Run once per format version, by hand:
/// <c>dotnet run --project tests/CoStor.Core.Tests -- --treenode-filter "/*/*/GoldenFileGenerator/*"</c>.
/// Never rerun it over committed files to make a failing golden test pass.
/// </summary>
public class GoldenFileGenerator
{
    [Test]
    [Explicit]
    public async Task Generate_v1_golden_files()
    {
        string dir = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "testdata", "v1"));
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "tree.bin"), CoStor.Core.Trees.TreeCodec.Encode(GoldenInputs.Tree()));
        File.WriteAllBytes(Path.Combine(dir, "tree-spans.bin"), CoStor.Core.Trees.TreeCodec.Encode(GoldenInputs.SpanTree()));
        foreach (var (file, _, plain, keyingKey) in GoldenInputs.Blobs())
        {
            var sealedBlob = BlobSealer.Seal(plain, keyingKey);
            File.WriteAllBytes(Path.Combine(dir, file), sealedBlob.Blob);
            Console.WriteLine($"{file}: id {sealedBlob.Ref.Id} key {sealedBlob.Ref.Key}");
        }

        File.WriteAllBytes(Path.Combine(dir, "pack.pack"), GoldenInputs.Pack());
        File.WriteAllBytes(Path.Combine(dir, "keyring.sealed"), GoldenInputs.SealedKeyring());
        File.WriteAllBytes(Path.Combine(dir, "keyring.recovery"), GoldenInputs.RecoveryKeyring());
        await Assert.That(Directory.GetFiles(dir).Length).IsGreaterThanOrEqualTo(8);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
