using CoStor.Appliance.Browse;

namespace CoStor.Appliance.Tests.Browse;

/// <summary>The text form of byte paths: every byte name has one text form, and it decodes back exactly.</summary>
public class BrowsePathTests
{
    [Test]
    [Arguments(new byte[] { 0x61, 0x20, 0x62 }, "a b")]
    [Arguments(new byte[] { 0x31, 0x30, 0x30, 0x25 }, "100%25")]
    [Arguments(new byte[] { 0x66, 0xff, 0xfe, 0x2e, 0x62 }, "f%FF%FE.b")]
    [Arguments(new byte[] { 0x6e, 0x0a, 0x6c }, "n%0Al")]
    [Arguments(new byte[] { 0xc3, 0xa9, 0x74, 0xc3, 0xa9 }, "été")]
    public async Task A_name_encodes_to_its_text_form_and_decodes_back(byte[] name, string text)
    {
        await Assert.That(BrowsePath.EncodeName(name)).IsEqualTo(text);
        await Assert.That(BrowsePath.TryDecodeName(text, out var decoded)).IsTrue();
        await Assert.That(decoded).IsEquivalentTo(name);
        var path = BrowsePath.Root.Child("dir"u8.ToArray()).Child(name);
        await Assert.That(BrowsePath.Parse(path.ToString()).Bytes).IsEquivalentTo(path.Bytes);
    }

    [Test]
    [Arguments("/a/%G1")]
    [Arguments("/a/%4")]
    [Arguments("/a/b%")]
    [Arguments("/../etc")]
    [Arguments("/a/./b")]
    [Arguments("/a%00b")]
    [Arguments("/a%2Fb")]
    [Arguments("/%2E%2E")]
    public async Task Text_that_is_not_a_path_is_refused(string text)
    {
        await Assert.That(BrowsePath.TryParse(text, out _)).IsFalse();
    }

    [Test]
    public async Task Repeated_and_missing_slashes_and_needless_escapes_are_accepted()
    {
        var path = BrowsePath.Parse("home//%61nn/");
        await Assert.That(path.ToString()).IsEqualTo("/home/ann");
        await Assert.That(BrowsePath.Parse("/").IsRoot).IsTrue();
        await Assert.That(BrowsePath.Parse("").IsRoot).IsTrue();
    }
}
