namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>A snapshot's figures as the dashboard shows them (from its stats: logical bytes, bytes new to the store, files, unreadable entries).</summary>
public sealed record SnapshotFacts(string Id, DateTimeOffset FinishedAt, string Status, long Bytes, long NewBytes, long Files, long Unreadable);
