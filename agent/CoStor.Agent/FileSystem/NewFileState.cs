namespace CoStor.Agent.FileSystem;

/// <summary>
/// What a just-created file is known to have — owner and permission bits — so that restoring its metadata can
/// leave out the <c>fchown</c> and <c>fchmod</c> that would change nothing. A null part is unknown and is
/// always set explicitly.
/// </summary>
public readonly record struct NewFileState(uint? Uid, uint? Gid, uint? Mode);
