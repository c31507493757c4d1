namespace CoStor.Agent.Restore;

/// <summary>
/// Splits a restore plan so several writers create files at once (on a journaling file system, creating files
/// is mostly kernel time, and it scales with cores). Every part carries the whole directory skeleton (creating
/// a directory that exists reuses it), and the entries of each directory go to one part, chosen round-robin by
/// directory, so small files of one directory stay together. Files with several names and hard links all go to
/// part 0, which therefore always creates a link's source before the link. Directory metadata is not applied
/// by the parts but by a final pass over <see cref="Skeleton"/>, after every part has finished.
/// </summary>
public static class PlanPartitioner
{
    public static IReadOnlyList<RestorePlan> Split(RestorePlan plan, int parts)
    {
        var result = Enumerable.Range(0, parts).Select(_ => new RestorePlan()).ToArray();
        var directories = new Stack<int>();
        var ordinal = 0;
        foreach (var step in plan.Steps)
        {
            switch (step.Kind)
            {
                case StepKind.EnterDirectory:
                    directories.Push(ordinal++);
                    foreach (var part in result)
                        part.Steps.Add(step);
                    continue;
                case StepKind.LeaveDirectory:
                    directories.Pop();
                    foreach (var part in result)
                        part.Steps.Add(step);
                    continue;
                case StepKind.Problem:
                    result[0].Steps.Add(step);
                    continue;
            }
            var linked = step.Kind == StepKind.Hardlink || step.Node.HardlinkId != 0;
            var target = result[linked || directories.Count == 0 ? 0 : directories.Peek() % parts];
            if (step.Kind == StepKind.File)
            {
                target.Steps.Add(step with { FirstChunk = target.Chunks.Count });
                for (var i = 0; i < step.Node.Content.Count; i++)
                    target.Chunks.Add(plan.Chunks[step.FirstChunk + i]);
                target.TotalFiles++;
                target.TotalBytes += step.Node.Size;
            }
            else
            {
                target.Steps.Add(step);
                target.TotalFiles++;
            }
        }
        return result;
    }

    /// <summary>Only the directories, to apply their metadata once all their entries exist.</summary>
    public static RestorePlan Skeleton(RestorePlan plan)
    {
        var skeleton = new RestorePlan();
        skeleton.Steps.AddRange(plan.Steps.Where(s => s.Kind is StepKind.EnterDirectory or StepKind.LeaveDirectory));
        return skeleton;
    }
}
