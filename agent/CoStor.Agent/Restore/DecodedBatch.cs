using System.Buffers;

namespace CoStor.Agent.Restore;

/// <summary>
/// A run of consecutive plan chunks, decoded: each distinct blob once, at <see cref="SlotOffset"/> in
/// <see cref="Plain"/> (rented from <see cref="ArrayPool{T}.Shared"/>, returned by <see cref="Release"/>).
/// A blob that failed to verify or decode has its <see cref="SlotError"/> set instead.
/// </summary>
internal sealed class DecodedBatch(int firstChunk, int[] chunkSlot, int[] slotOffset, int[] slotLength, byte[] plain)
{
    /// <summary>Plan index of the batch's first chunk.</summary>
    public int FirstChunk { get; } = firstChunk;

    /// <summary>For each chunk of the batch, its slot (distinct blob).</summary>
    public int[] ChunkSlot { get; } = chunkSlot;

    public int[] SlotOffset { get; } = slotOffset;

    public int[] SlotLength { get; } = slotLength;

    public string?[] SlotError { get; } = new string?[slotLength.Length];

    public byte[] Plain { get; private set; } = plain;

    public int Count => ChunkSlot.Length;

    public ReadOnlyMemory<byte> Slot(int slot) => Plain.AsMemory(SlotOffset[slot], SlotLength[slot]);

    /// <summary>Returns the buffer to the pool; call once no decoder and no reader touches it any more.</summary>
    public void Release()
    {
        if (Plain.Length > 0)
            ArrayPool<byte>.Shared.Return(Plain);
        Plain = [];
    }
}
