namespace CoStor.Appliance.Catalogue;

/// <summary>A pack's catalogue row: state is <c>open</c>, <c>sealing</c> or <c>sealed</c>.</summary>
public sealed record PackRow(long Id, string State, string? Name);
