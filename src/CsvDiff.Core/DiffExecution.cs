// How a diff runs: the host's scheduler, its progress listener and its cancellation token.
namespace CsvDiff;

/// <summary>How the engine runs: where partitions execute, who hears of progress, and when to stop.</summary>
public sealed record DiffExecution
{
    /// <summary>Runs the partitions of each stage. Default: <see cref="SequentialScheduler"/>.</summary>
    public IPartitionScheduler Scheduler { get; init; } = SequentialScheduler.Instance;

    /// <summary>Receives progress reports. Default: none.</summary>
    public IProgress<DiffProgress>? Progress { get; init; }

    /// <summary>Stops the diff with <see cref="OperationCanceledException"/>. Default: never.</summary>
    public CancellationToken Cancellation { get; init; }

    // Tests lower this so that small tables still split into many partitions and exercise the merge.
    internal int MinimumRowsPerPartition { get; init; } = Internals.PartitionRunner.DefaultMinimumRowsPerPartition;

    // Tests shrink this so that records and line endings straddle the chunks a streamed input is read in.
    internal int StreamChunkBytes { get; init; } = Reading.TableReader.DefaultChunkBytes;
}
