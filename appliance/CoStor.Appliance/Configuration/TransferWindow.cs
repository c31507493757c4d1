namespace CoStor.Appliance.Configuration;

/// <summary>
/// The hours (local time) in which pulling from a peer may run (<c>peers[i].window = "19-07"</c>): from the start of
/// <paramref name="FromHour"/> to the start of <paramref name="ToHour"/>, wrapping past midnight when
/// <paramref name="ToHour"/> is smaller. Both 0–23 and different (an always-open window is no window at all).
/// </summary>
public sealed record TransferWindow(int FromHour, int ToHour)
{
    /// <summary>True when <paramref name="localTime"/> (in the box's local offset) falls inside the window.</summary>
    public bool IsOpen(DateTimeOffset localTime)
    {
        var hour = localTime.Hour;
        return FromHour < ToHour
            ? hour >= FromHour && hour < ToHour
            : hour >= FromHour || hour < ToHour;
    }

    public override string ToString() => $"{FromHour:00}-{ToHour:00}";
}
