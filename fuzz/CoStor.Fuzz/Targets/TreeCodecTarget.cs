using CoStor.Core.Errors;
using CoStor.Core.Trees;

namespace CoStor.Fuzz.Targets;

/// <summary>
/// Fuzz target: tree plain bytes through <see cref="TreeCodec.Decode"/>. Contract: <see cref="CorruptTreeException"/>
/// or entries; and, the encoding being canonical, whatever decodes re-encodes to the same bytes. Any other
/// exception, or a decoded tree that encodes differently (or not at all), is a finding.
/// </summary>
public static class TreeCodecTarget
{
    public const string Name = "tree-codec";

    public static void Run(ReadOnlySpan<byte> input)
    {
        IReadOnlyList<TreeNode> nodes;
        try
        {
            nodes = TreeCodec.Decode(input);
        }
        catch (CorruptTreeException)
        {
            return;
        }

        if (!TreeCodec.Encode(nodes).AsSpan().SequenceEqual(input))
        {
            throw new InvalidOperationException("A decoded tree re-encodes to other bytes: the decoder accepts a non-canonical tree.");
        }
    }
}
