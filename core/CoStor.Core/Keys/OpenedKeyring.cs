namespace CoStor.Core.Keys;

/// <summary>A keyring file's contents once its tag has verified.</summary>
public sealed record OpenedKeyring(SiteKeyring Keyring, string SiteName, KeyringKind Kind);
