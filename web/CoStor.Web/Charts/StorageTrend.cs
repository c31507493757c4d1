using System.Globalization;

namespace CoStor.Web.Charts;

/// <summary>
/// The storage-use trend as inline SVG geometry: a line (and the area under it) over the days given, in a fixed viewBox
/// that the stylesheet scales to the page's width. Scaled to the capacity (drawn as a dashed line) once use passes half
/// of it, and to the highest point otherwise, so that a small store's growth is still visible.
/// </summary>
public sealed record StorageTrend(IReadOnlyList<TrendPoint> Points, long? CapacityBytes)
{
    public const int Width = 600, Height = 160, Top = 10, Bottom = 20;

    private long Highest => Points.Count == 0 ? 0 : Points.Max(point => point.Bytes);

    private bool ShowsCapacity => CapacityBytes is { } capacity && Highest >= capacity / 2;

    public long Scale => Math.Max(1, ShowsCapacity ? Math.Max(CapacityBytes!.Value, Highest) : Highest + Highest / 8);

    /// <summary>The points as an SVG <c>points</c> attribute, left (oldest) to right (newest).</summary>
    public string Line => string.Join(' ', Points.Select((point, i) => $"{X(i)},{Y(point.Bytes)}"));

    /// <summary>The area under the line, closed along the baseline.</summary>
    public string Area => Points.Count == 0 ? "" : $"{X(0)},{Y(0)} {Line} {X(Points.Count - 1)},{Y(0)}";

    public string? CapacityY => ShowsCapacity ? Y(CapacityBytes!.Value) : null;

    public string Baseline => Y(0);

    public string Describe => Points.Count == 0
        ? "No data stored yet."
        : $"Storage used from {Points[0].Day:yyyy-MM-dd} to {Points[^1].Day:yyyy-MM-dd}: from {CoStor.Web.Shared.Format.Bytes(Points[0].Bytes)} to {CoStor.Web.Shared.Format.Bytes(Points[^1].Bytes)}"
          + (CapacityBytes is { } c ? $" of {CoStor.Web.Shared.Format.Bytes(c)}." : ".");

    private string X(int index) =>
        (Points.Count <= 1 ? Width / 2.0 : index * (double)Width / (Points.Count - 1)).ToString("0.#", CultureInfo.InvariantCulture);

    private string Y(long bytes) =>
        (Top + (Height - Top - Bottom) * (1 - (double)bytes / Scale)).ToString("0.#", CultureInfo.InvariantCulture);
}
