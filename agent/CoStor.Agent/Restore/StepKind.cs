namespace CoStor.Agent.Restore;

/// <summary>What one <see cref="PlanStep"/> does.</summary>
public enum StepKind
{
    /// <summary>Create (or reuse) the directory and make it current; its entries follow.</summary>
    EnterDirectory,

    /// <summary>Close the current directory and apply its metadata (after all its children: post-order).</summary>
    LeaveDirectory,

    /// <summary>Create a regular file and write its chunks (the next ones in the plan's chunk list).</summary>
    File,

    /// <summary>Create another name for the entry restored first with the same hardlink id.</summary>
    Hardlink,

    Symlink,
    Fifo,

    /// <summary>Nothing to create: report <see cref="PlanStep.Problem"/> (e.g. a directory whose tree cannot be read).</summary>
    Problem,
}
