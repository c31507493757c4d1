namespace CoStor.Appliance.Replication.Proofs;

/// <summary>
/// What the owner asks a holder (docs/replication.md, "Proof of holding"): a fresh 32-byte nonce and ranges of
/// at most <see cref="MaxLength"/> bytes inside its packs. The holder answers <c>SHA-256(nonce ‖ bytes)</c> per
/// item (<see cref="ProofAnswer"/>). The constructor refuses a malformed challenge, so the holder can build one
/// straight from a request and bound the work it does.
/// </summary>
public sealed class ProofChallenge
{
    public const int NonceLength = 32;
    public const int MaxLength = 64 * 1024;

    /// <summary>More items than one round ever asks for (every unproved pack plus a sample) would be a flood.</summary>
    public const int MaxItems = 10_000;

    public ProofChallenge(byte[] nonce, IReadOnlyList<ProofItem> items)
    {
        if (nonce.Length != NonceLength)
            throw new ArgumentException($"a proof nonce is {NonceLength} bytes, not {nonce.Length}", nameof(nonce));
        if (items.Count > MaxItems)
            throw new ArgumentException($"a proof challenge has at most {MaxItems} items, not {items.Count}", nameof(items));
        foreach (var item in items)
        {
            if (item.Offset < 0 || item.Length is < 1 or > MaxLength)
                throw new ArgumentException($"proof range {item.Offset}+{item.Length} of {item.Pack}: offset ≥ 0, length 1..{MaxLength}", nameof(items));
        }
        Nonce = nonce;
        Items = items;
    }

    public byte[] Nonce { get; }

    public IReadOnlyList<ProofItem> Items { get; }
}
