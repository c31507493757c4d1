using System.Globalization;
using System.Text.RegularExpressions;

namespace CoStor.Appliance.Configuration;

/// <summary>
/// Parses a peer's <c>bandwidth</c> and <c>window</c> texts. Bandwidth is bytes per second: a number (decimals
/// allowed) with an optional unit — <c>k</c>/<c>K</c>, <c>M</c>, <c>G</c> in 10^3 steps, <c>KiB</c>, <c>MiB</c>,
/// <c>GiB</c> in 2^10 steps, each with or without a trailing <c>B</c> — at least one byte per second. A window is
/// <c>"FROM-TO"</c> in whole hours.
/// </summary>
internal static partial class PeerLimits
{
    /// <summary>Bandwidth above this (1 PB/s) is a typo, not a link.</summary>
    private const decimal MaxBytesPerSecond = 1_000_000_000_000_000m;

    /// <summary>The bytes per second, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static long? ParseBandwidth(string text, out string? error)
    {
        error = null;
        var match = Bandwidth().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = $"not a rate like \"20MB\", \"512k\" or \"10MiB\" (\"{text}\")";
            return null;
        }

        var unit = match.Groups["unit"].Value;
        decimal factor = unit switch
        {
            "" => 1,
            "k" or "K" => 1_000,
            "M" => 1_000_000,
            "G" => 1_000_000_000,
            "Ki" => 1L << 10,
            "Mi" => 1L << 20,
            _ => 1L << 30, // "Gi": the pattern allows nothing else
        };
        if (number > MaxBytesPerSecond / factor)
        {
            error = $"at most 1000000000000000 bytes per second (\"{text}\")";
            return null;
        }

        var bytes = (long)decimal.Floor(number * factor);
        if (bytes < 1)
        {
            error = $"must be at least 1 byte per second (\"{text}\")";
            return null;
        }

        return bytes;
    }

    /// <summary>The window, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static TransferWindow? ParseWindow(string text, out string? error)
    {
        error = null;
        var match = Window().Match(text);
        if (!match.Success)
        {
            error = $"not an hour range like \"19-07\" (\"{text}\")";
            return null;
        }

        var from = int.Parse(match.Groups["from"].Value, CultureInfo.InvariantCulture);
        var to = int.Parse(match.Groups["to"].Value, CultureInfo.InvariantCulture);
        if (from > 23 || to > 23)
        {
            error = $"hours must be 0-23 (\"{text}\")";
            return null;
        }

        if (from == to)
        {
            error = $"the window opens and closes at the same hour (\"{text}\"); leave it out to allow any time";
            return null;
        }

        return new TransferWindow(from, to);
    }

    [GeneratedRegex(@"^(?<number>[0-9]{1,18}(\.[0-9]{1,9})?) ?(?<unit>[kKMG]|[KMG]i)?B?\z")]
    private static partial Regex Bandwidth();

    [GeneratedRegex(@"^(?<from>[0-9]{1,2})-(?<to>[0-9]{1,2})\z")]
    private static partial Regex Window();
}
