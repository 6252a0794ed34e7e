// The seam through which a host spreads one diff over workers that each hold some shards of the inputs (Web Workers in a browser).
namespace CsvDiff.Sharding;

/// <summary>One of the two tables of a diff.</summary>
public enum TableSide
{
    /// <summary>The old table.</summary>
    Left,
    /// <summary>The new table.</summary>
    Right,
}

/// <summary>
/// Inputs cut into shards, each held by a <see cref="ShardWorker"/> somewhere. The host cuts every input after a line
/// break into consecutive shards; shard 0 starts at the input's first byte, and every later shard is handed to its worker
/// behind a copy of the input's header record (see <see cref="ShardWorker.Load"/>). A cut inside a quoted field, or any
/// other reason a shard cannot be read on its own, is detected and makes <see cref="ShardedDiff"/> decline the run.
/// </summary>
public interface IShardCluster
{
    /// <summary>How many shards <paramref name="side"/> was cut into (at least one).</summary>
    int ShardCount(TableSide side);

    /// <summary>
    /// Has the worker that is to hold the shard read it with <see cref="ShardWorker.Load"/>, passing on
    /// <paramref name="readPlan"/>; returns what that returned.
    /// </summary>
    Task<byte[]> LoadAsync(TableSide side, int shard, byte[] readPlan, CancellationToken cancellation);

    /// <summary>Passes <paramref name="request"/> to <see cref="ShardWorker.Handle(byte[])"/> where the shard is held; returns the reply.</summary>
    Task<byte[]> SendAsync(TableSide side, int shard, byte[] request, CancellationToken cancellation);

    /// <summary>How many workers there are to spread work that needs no shard over (at least one).</summary>
    int WorkerCount { get; }

    /// <summary>Passes a request that needs no shard to <see cref="ShardWorker.Handle(byte[])"/> on worker <paramref name="worker"/> (any worker will do).</summary>
    Task<byte[]> ComputeAsync(int worker, byte[] request, CancellationToken cancellation);

    /// <summary>
    /// Has the workers holding the shards <paramref name="gathered"/> names answer those requests (as <see cref="SendAsync"/>
    /// would), then passes <paramref name="request"/> with their answers, in that order, to
    /// <see cref="ShardWorker.Handle(byte[], IReadOnlyList{ReadOnlyMemory{byte}})"/> on worker <paramref name="worker"/> (any
    /// worker will do); returns its reply. The answers (a hash partition's rows, about 12 bytes a row) should go from worker to
    /// worker without passing through the coordinator, whose own work is serial: in a browser, interpreted on the page.
    /// </summary>
    Task<byte[]> ComputeGatheringAsync(int worker, byte[] request, IReadOnlyList<ShardQuery> gathered, CancellationToken cancellation);
}

/// <summary>A request for the worker that holds shard <paramref name="Shard"/> of <paramref name="Side"/>.</summary>
public readonly record struct ShardQuery(TableSide Side, int Shard, byte[] Request);

/// <summary>
/// What <see cref="ShardedDiff.CompareAsync"/> gave: the result, identical to <see cref="TableDiff.Compare(TableInput, TableInput, DiffOptions, DiffExecution?)"/>'s, or
/// why these inputs or options cannot be diffed in shards (the host then runs <see cref="TableDiff.Compare(TableInput, TableInput, DiffOptions, DiffExecution?)"/> whole).
/// </summary>
public sealed record ShardedOutcome(DiffResult? Result, string? Declined)
{
    /// <summary>
    /// How many rows the result would hold, when that is why the run was declined: more than <see cref="ShardedDiff.MaxGatheredRows"/>.
    /// A host with bounded memory (a browser tab) should refuse such a run rather than run it whole.
    /// </summary>
    public int? ResultRows { get; init; }
}
