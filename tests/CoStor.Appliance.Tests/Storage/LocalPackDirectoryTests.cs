using CoStor.Appliance.Storage;

namespace CoStor.Appliance.Tests.Storage;

/// <summary>The appliance's own sealed packs (and, later, a peer's) in a local directory.</summary>
[InheritsTests]
public class LocalPackDirectoryTests : PackStoreConformance
{
    protected override IPackStore Open(string root) => new LocalPackDirectory(root);

    [Test]
    public async Task What_an_interrupted_put_left_in_incoming_is_removed_at_the_next_open()
    {
        using var scratch = new Support.ScratchDirectory();
        var store = Open(scratch.Path);
        var leftover = Path.Combine(scratch.Path, "incoming", "0011223344556677.part");
        await File.WriteAllBytesAsync(leftover, [1, 2, 3]);

        _ = Open(scratch.Path);
        await Assert.That(File.Exists(leftover)).IsFalse();
        await Assert.That(store.List().ToList()).IsEmpty();
    }
}
