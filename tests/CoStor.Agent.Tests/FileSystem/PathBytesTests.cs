using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Tests.FileSystem;

public class PathBytesTests
{
    [Test]
    public async Task Printable_escapes_invalid_utf8_control_bytes_and_backslash()
    {
        byte[] path = [.. "/home/é "u8, 0xff, 0xfe, (byte)'\n', (byte)'\\', .. "ok"u8];

        await Assert.That(PathBytes.Printable(path)).IsEqualTo("/home/é \\xff\\xfe\\x0a\\x5cok");
    }

    [Test]
    public async Task ToCString_appends_nul_and_rejects_embedded_nul()
    {
        var c = PathBytes.ToCString("ab"u8);
        var ex = Assert.Throws<ArgumentException>(() => PathBytes.ToCString([(byte)'a', 0]));

        await Assert.That(Convert.ToHexString(c)).IsEqualTo("616200");
        await Assert.That(ex.Message).Contains("NUL");
    }
}
