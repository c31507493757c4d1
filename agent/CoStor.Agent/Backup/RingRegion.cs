namespace CoStor.Agent.Backup;

/// <summary>Where a region reserved in a <see cref="PayloadRing"/> lies: <see cref="Length"/> bytes from <see cref="Start"/>.</summary>
public readonly record struct RingRegion(int Start, int Length);
