namespace CoStor.Web.Replication;

/// <summary>What the proven-copies bar draws: the packs by copies, and how many copies each pack should have.</summary>
public sealed record CopiesBarModel(CopiesBar Copies, int Wanted);
