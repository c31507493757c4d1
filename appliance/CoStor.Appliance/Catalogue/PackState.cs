namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Where a pack is in its life (column <c>packs.state</c>; the seal order is in <c>PackStore.Sealing</c>):
/// <see cref="Open"/> while uploads append to it in <c>open/</c>; <see cref="Sealing"/> once its index and
/// trailer are durable and its name is recorded, until the rename into <c>packs/</c> is durable; then
/// <see cref="Sealed"/>, immutable forever.
/// </summary>
public enum PackState
{
    Open,
    Sealing,
    Sealed,
}

/// <summary>The <c>packs.state</c> text of each <see cref="PackState"/> (the schema's CHECK constraint lists the same words).</summary>
public static class PackStates
{
    public static string ToColumn(this PackState state) => state switch
    {
        PackState.Open => "open",
        PackState.Sealing => "sealing",
        PackState.Sealed => "sealed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static PackState FromColumn(string value) => value switch
    {
        "open" => PackState.Open,
        "sealing" => PackState.Sealing,
        "sealed" => PackState.Sealed,
        _ => throw new CoStor.Core.Errors.CorruptPackException($"unknown pack state '{value}' in the catalogue"),
    };
}
