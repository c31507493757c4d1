namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>One day of the storage trend: pack bytes stored at the end of the day, and bytes new to the store that snapshots finished that day brought.</summary>
public sealed record StoragePoint(DateOnly Day, long StoredBytes, long NewBytes);
