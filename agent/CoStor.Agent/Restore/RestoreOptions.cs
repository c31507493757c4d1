namespace CoStor.Agent.Restore;

/// <summary>How a restore runs. Defaults suit the CLI.</summary>
public sealed record RestoreOptions
{
    /// <summary>Plain bytes of data per read request (also bounded by MaxReadIds distinct blobs); about three batches are in memory at once.</summary>
    public int BatchBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Restore owners (uid/gid); only root can, so the default is "when running as root".</summary>
    public bool SetOwner { get; init; } = ProcessIdentity.IsRoot;

    /// <summary>Draw a progress line on stderr (the CLI passes <c>ProgressMeter.TerminalAttached</c>).</summary>
    public bool ShowProgress { get; init; }

    /// <summary>How many writers create files at once (see <see cref="PlanPartitioner"/>); 1 restores in plan order.</summary>
    public int Writers { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
}
