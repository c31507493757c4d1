using System.Text.Json;
using CoStor.Core.Protocol;

namespace CoStor.Fuzz.Targets;

/// <summary>
/// Fuzz target: UTF-8 JSON read as a <see cref="SnapshotRecord"/> and as a page of them through the source-generated
/// <see cref="ProtocolJsonContext"/> (what the agent does with the appliance's answers and the appliance with its
/// catalogue rows), then written back. Contract: <see cref="JsonException"/> or a value that serializes.
/// Any other exception is a finding.
/// </summary>
public static class SnapshotRecordJsonTarget
{
    public const string Name = "snapshot-json";

    public static void Run(ReadOnlySpan<byte> input)
    {
        try
        {
            if (JsonSerializer.Deserialize(input, ProtocolJsonContext.Default.SnapshotRecord) is { } record)
            {
                JsonSerializer.SerializeToUtf8Bytes(record, ProtocolJsonContext.Default.SnapshotRecord);
            }
        }
        catch (JsonException)
        {
        }

        try
        {
            if (JsonSerializer.Deserialize(input, ProtocolJsonContext.Default.IReadOnlyListSnapshotRecord) is { } page)
            {
                JsonSerializer.SerializeToUtf8Bytes(page, ProtocolJsonContext.Default.IReadOnlyListSnapshotRecord);
            }
        }
        catch (JsonException)
        {
        }
    }
}
