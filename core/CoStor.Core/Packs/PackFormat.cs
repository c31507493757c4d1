using CoStor.Core.Blobs;

namespace CoStor.Core.Packs;

/// <summary>
/// Pack layout (docs/design.md, "Packs"); all integers little-endian:
/// <code>
/// header   magic "COSTORPK" (8) | version u8 = 1 | 7 zero bytes
/// frame*   type u8 | length u32 | blob id (32) | blob bytes (length)
/// index    count u32 | count × (type u8 | blob id (32) | offset u64 | length u32)
/// trailer  index length u32 | SHA-256(index) (32) | magic "COSTORPK" (8)
/// </code>
/// An open pack is header and frames only. Upload bodies are frames without header. A sealed pack is
/// named by the SHA-256 of all its bytes.
/// </summary>
public static class PackFormat
{
    public const byte Version = 1;
    public const int HeaderLength = 16;
    public const int FrameHeaderLength = 1 + 4 + BlobId.Length; // 37
    public const int IndexEntryLength = 1 + BlobId.Length + 8 + 4; // 45
    public const int TrailerLength = 4 + 32 + 8; // 44

    /// <summary>Seal a pack once it grows past this size.</summary>
    public const long TargetPackSize = 32 * 1024 * 1024;

    public static ReadOnlySpan<byte> Magic => "COSTORPK"u8;

    /// <summary>Writes the 16-byte header.</summary>
    public static void WriteHeader(Span<byte> destination)
    {
        Magic.CopyTo(destination);
        destination[8] = Version;
        destination[9..HeaderLength].Clear();
    }

    /// <summary>True when <paramref name="header"/> is exactly a version-1 pack header.</summary>
    public static bool IsValidHeader(ReadOnlySpan<byte> header) =>
        header.Length >= HeaderLength
        && header[..8].SequenceEqual(Magic)
        && header[8] == Version
        && !header[9..HeaderLength].ContainsAnyExcept((byte)0);

    /// <summary>Where a sealed pack lives: <c>packs/&lt;first two hex&gt;/&lt;hex&gt;.pack</c> ('/' separated).</summary>
    public static string RelativePath(in BlobId packId)
    {
        string name = packId.ToString();
        return $"packs/{name[..2]}/{name}.pack";
    }
}
