namespace CoStor.Agent.Restore;

/// <summary>
/// What a restore did. <see cref="Files"/> counts restored non-directory entries (files, hardlinks, symlinks,
/// FIFOs); <see cref="Bytes"/> is file content written. Each entry that could not be restored (fully, or with
/// its metadata) has one line in <see cref="Problems"/>, naming its snapshot path.
/// </summary>
public sealed record RestoreOutcome(long Files, long Directories, long Bytes, IReadOnlyList<string> Problems)
{
    /// <summary>0 when everything was restored, 3 (partial) when anything is in <see cref="Problems"/>.</summary>
    public int ExitCode => Problems.Count == 0 ? 0 : 3;
}
