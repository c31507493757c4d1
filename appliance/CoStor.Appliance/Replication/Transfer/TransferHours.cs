namespace CoStor.Appliance.Replication.Transfer;

/// <summary>
/// Whether a peer's transfer window (<c>window = "19-07"</c>: from hour, to hour, local time) is open. The window
/// runs from <c>fromHour:00</c> up to, not including, <c>toHour:00</c>; it wraps past midnight when
/// <c>fromHour &gt; toHour</c>; equal hours mean all day. Config parsing lives with the configuration; this takes the
/// plain hours.
/// </summary>
public static class TransferHours
{
    public static bool IsOpen(int fromHour, int toHour, DateTimeOffset localNow)
    {
        var hour = localNow.Hour;
        return fromHour == toHour
            || (fromHour < toHour ? hour >= fromHour && hour < toHour : hour >= fromHour || hour < toHour);
    }
}
