// Progress reports the engine sends while it works, so hosts can draw a bar without knowing the stages.
namespace CsvDiff;

/// <summary>The stages of a diff, in the order they run.</summary>
public enum DiffPhase
{
    /// <summary>Decoding and splitting both inputs into records.</summary>
    Reading,
    /// <summary>Hashing keys and row contents.</summary>
    Hashing,
    /// <summary>Pairing rows of the two tables.</summary>
    Matching,
    /// <summary>Comparing the cells of paired rows that differ.</summary>
    Comparing,
}

/// <summary>How far a diff has come: the current phase and the fraction of the whole run done, from 0 to 1.</summary>
public readonly record struct DiffProgress(DiffPhase Phase, double Fraction);

/// <summary>How the engine runs: where partitions execute, who hears of progress, and when to stop.</summary>
public sealed record DiffExecution
{
    /// <summary>Runs the partitions of each stage. Default: <see cref="SequentialScheduler"/>.</summary>
    public IPartitionScheduler Scheduler { get; init; } = SequentialScheduler.Instance;

    /// <summary>Receives progress reports. Default: none.</summary>
    public IProgress<DiffProgress>? Progress { get; init; }

    /// <summary>Stops the diff with <see cref="OperationCanceledException"/>. Default: never.</summary>
    public CancellationToken Cancellation { get; init; }
}
