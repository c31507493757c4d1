namespace CoStor.Web.Charts;

/// <summary>One day of the storage-use trend: bytes stored at the end of that day.</summary>
public sealed record TrendPoint(DateOnly Day, long Bytes);
