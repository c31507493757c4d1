namespace CoStor.Appliance.Replication.Api;

/// <summary>The holder's answers, in item order: <c>SHA-256(nonce ‖ bytes)</c> (base64), null for a pack not held or a range not covered.</summary>
public sealed record ProofReply(IReadOnlyList<string?> Hashes)
{
    public static ProofReply From(IReadOnlyList<byte[]?> answers) => new([.. answers.Select(a => a is null ? null : Convert.ToBase64String(a))]);

    /// <summary>The answers as bytes; an entry that is not base64 counts as no answer.</summary>
    public IReadOnlyList<byte[]?> Answers() => [.. (Hashes ?? []).Select(Decode)];

    private static byte[]? Decode(string? text)
    {
        if (text is null)
            return null;
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
