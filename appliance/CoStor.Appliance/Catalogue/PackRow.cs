namespace CoStor.Appliance.Catalogue;

/// <summary>A pack's catalogue row.</summary>
public sealed record PackRow(long Id, PackState State, string? Name);
