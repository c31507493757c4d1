namespace CoStor.Core;

/// <summary>The parallel options shared by every CPU-bound loop: one worker per core, no more.</summary>
public static class Parallelism
{
    public static ParallelOptions AllCores { get; } = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>One worker per core, stopping when <paramref name="cancellationToken"/> fires.</summary>
    public static ParallelOptions AllCoresUntil(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
}
