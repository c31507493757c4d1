namespace CoStor.Appliance.Catalogue;

/// <summary>A pack's catalogue row. <paramref name="Size"/>: for an open pack, its length at the last commit (every byte acknowledged).</summary>
public sealed record PackRow(long Id, PackState State, string? Name, long Size = 0);
