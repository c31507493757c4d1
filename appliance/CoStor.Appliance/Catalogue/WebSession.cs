namespace CoStor.Appliance.Catalogue;

/// <summary>A live session: the SHA-256 of its cookie value, its user and the user's current role.</summary>
public sealed record WebSession(byte[] IdHash, string UserName, string Role);
