namespace CoStor.Core.Keys;

/// <summary>How a keyring file is wrapped: the file format's kind byte.</summary>
public enum KeyringKind : byte
{
    /// <summary>Sealed with the machine key (<c>keyring.sealed</c>), for unattended restarts.</summary>
    MachineSealed = 1,

    /// <summary>Wrapped with the recovery key (<c>keyring.recovery</c>); travels with the packs to peers.</summary>
    RecoveryWrapped = 2,
}
