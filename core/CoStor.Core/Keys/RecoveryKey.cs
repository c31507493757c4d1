using System.Security.Cryptography;
using System.Text;

namespace CoStor.Core.Keys;

/// <summary>
/// 32 random bytes shown once to people as Crockford base32 (52 characters, most significant bit first,
/// the last character's low 4 bits zero) in groups of five joined by '-'. Parsing ignores case, spaces
/// and '-', and maps I/L → 1 and O → 0 (docs/design.md, "Keys").
/// </summary>
public sealed class RecoveryKey
{
    public const int Length = 32;
    public const int TextLength = 52;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private readonly byte[] _bytes;

    private RecoveryKey(byte[] bytes) => _bytes = bytes;

    public ReadOnlySpan<byte> Bytes => _bytes;

    public static RecoveryKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    public static RecoveryKey FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length == Length
        ? new RecoveryKey(bytes.ToArray())
        : throw new ArgumentException($"A recovery key is {Length} bytes; got {bytes.Length}.", nameof(bytes));

    /// <summary>Parses the printed form; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static RecoveryKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new byte[Length];
        int bits = 0, count = 0, buffer = 0, at = 0;
        foreach (char raw in text)
        {
            if (raw is ' ' or '-' or '\t' or '\r' or '\n')
            {
                continue;
            }

            int value = Value(raw);
            if (value < 0)
            {
                throw new FormatException($"Recovery key contains '{raw}', which is not a Crockford base32 character.");
            }

            if (++count > TextLength)
            {
                throw new FormatException($"Recovery key has too many characters: expected {TextLength} (not counting '-' and spaces).");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[at++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        if (count < TextLength)
        {
            throw new FormatException($"Recovery key is too short: {count} of {TextLength} characters (not counting '-' and spaces).");
        }

        if (buffer != 0)
        {
            throw new FormatException("Recovery key's last character is not valid: a typing error is likely.");
        }

        return new RecoveryKey(bytes);
    }

    /// <summary>Groups of five characters joined by '-', e.g. <c>7K3QZ-…-X0</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(TextLength + TextLength / 5);
        int bits = 0, buffer = 0, written = 0;
        foreach (byte b in _bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                Append((buffer >> bits) & 31);
                buffer &= (1 << bits) - 1;
            }
        }

        Append((buffer << (5 - bits)) & 31); // the final 1 bit, padded with zeros
        return text.ToString();

        void Append(int value)
        {
            if (written > 0 && written % 5 == 0)
            {
                text.Append('-');
            }

            text.Append(Alphabet[value]);
            written++;
        }
    }

    private static int Value(char c)
    {
        c = char.ToUpperInvariant(c);
        return c switch
        {
            'I' or 'L' => 1,
            'O' => 0,
            _ => Alphabet.IndexOf(c),
        };
    }
}
