namespace CoStor.Core.Trees;

/// <summary>An extended attribute: a UTF-8 name (1–255 bytes, no NUL) and raw value bytes (at most 64 KiB).</summary>
public sealed record Xattr(string Name, byte[] Value)
{
    public const int MaxNameLength = 255;
    public const int MaxValueLength = 64 * 1024;
}
