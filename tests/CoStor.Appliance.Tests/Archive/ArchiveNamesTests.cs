using CoStor.Appliance.Archive;
using CoStor.Core.Errors;

namespace CoStor.Appliance.Tests.Archive;

/// <summary>No entry name can leave the archive's root, and names that are not UTF-8 are written by one rule.</summary>
public class ArchiveNamesTests
{
    [Test]
    [Arguments("..")]
    [Arguments("a/../../b")]
    [Arguments("/etc/passwd")]
    [Arguments("a//b")]
    [Arguments("./a")]
    [Arguments("")]
    [Arguments("a\0b")]
    public async Task A_name_that_could_escape_is_refused(string name)
    {
        await Assert.That(() => ArchiveNames.Checked(name)).Throws<CorruptTreeException>();
    }

    [Test]
    public async Task A_component_that_is_not_a_tree_name_is_refused()
    {
        await Assert.That(() => ArchiveNames.Component(".."u8, ArchiveFormat.Tar)).Throws<CorruptTreeException>();
        await Assert.That(() => ArchiveNames.Component("a/b"u8, ArchiveFormat.Zip)).Throws<CorruptTreeException>();
        await Assert.That(() => ArchiveNames.Component([], ArchiveFormat.Zip)).Throws<CorruptTreeException>();
    }

    [Test]
    public async Task Invalid_utf8_bytes_are_escaped_and_valid_names_kept()
    {
        await Assert.That(ArchiveNames.Component([0x66, 0xff, 0xfe, 0x2e, 0x62], ArchiveFormat.Tar)).IsEqualTo("f%FF%FE.b");
        await Assert.That(ArchiveNames.Component("100% été"u8, ArchiveFormat.Zip)).IsEqualTo("100% été");
        await Assert.That(ArchiveNames.Component("a\\b"u8, ArchiveFormat.Zip)).IsEqualTo("a%5Cb");
        await Assert.That(ArchiveNames.Component("a\\b"u8, ArchiveFormat.Tar)).IsEqualTo("a\\b");
        await Assert.That(ArchiveNames.Component("new\nline"u8, ArchiveFormat.Tar)).IsEqualTo("new%0Aline");
        await Assert.That(ArchiveNames.Join("dir", "x")).IsEqualTo("dir/x");
    }
}
