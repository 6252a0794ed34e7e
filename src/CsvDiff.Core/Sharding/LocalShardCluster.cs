// Shards held by ShardWorkers in this process: for warming up a runtime on a sharded diff, and for testing one.
namespace CsvDiff.Sharding;

/// <summary>
/// Inputs cut after the given byte positions (each after a line break), their shards lent round-robin to
/// <paramref name="workerCount"/> <see cref="ShardWorker"/>s that live in this process.
/// </summary>
internal sealed class LocalShardCluster(TableInput left, int[] leftCuts, TableInput right, int[] rightCuts, DiffOptions options, int workerCount)
    : IShardCluster
{
    private readonly ShardWorker[] _workers = Enumerable.Range(0, workerCount).Select(_ => new ShardWorker(options)).ToArray();
    // A worker answers one request at a time, as a Web Worker does; the requests awaited here may run on any thread.
    private readonly Lock[] _busy = Enumerable.Range(0, workerCount).Select(_ => new Lock()).ToArray();

    public int ShardCount(TableSide side) => Cuts(side).Length + 1;

    // Loads are awaited asynchronously too: each is a step of its own for a single-threaded host, which takes other work between.
    public async Task<byte[]> LoadAsync(TableSide side, int shard, byte[] readPlan, CancellationToken cancellation)
    {
        await Task.Yield();
        cancellation.ThrowIfCancellationRequested();
        var (input, cuts) = side == TableSide.Left ? (left, leftCuts) : (right, rightCuts);
        var bytes = input.Bytes;
        var start = shard == 0 ? 0 : cuts[shard - 1];
        var end = shard == cuts.Length ? bytes.Length : cuts[shard];
        var headerLength = shard == 0 ? 0 : TableSniffer.HeaderEnd(bytes.Span);
        ReadOnlyMemory<byte> part = shard == 0 ? bytes[start..end] : (byte[])[.. bytes.Span[..headerLength], .. bytes.Span[start..end]];
        var worker = WorkerIndex(side, shard);
        lock (_busy[worker])
        {
            return _workers[worker].Load(side, shard, input with { Bytes = part }, headerLength, readPlan);
        }
    }

    // Replies are awaited asynchronously, as a real channel would make them, and a run cancelled meanwhile stops there.
    public async Task<byte[]> SendAsync(TableSide side, int shard, byte[] request, CancellationToken cancellation)
    {
        await Task.Yield();
        cancellation.ThrowIfCancellationRequested();
        return Answer(WorkerIndex(side, shard), request, []);
    }

    public int WorkerCount => _workers.Length;

    public async Task<byte[]> ComputeAsync(int worker, byte[] request, CancellationToken cancellation)
    {
        await Task.Yield();
        cancellation.ThrowIfCancellationRequested();
        return Answer(worker % _workers.Length, request, []);
    }

    public async Task<byte[]> ComputeGatheringAsync(int worker, byte[] request, IReadOnlyList<ShardQuery> gathered, CancellationToken cancellation)
    {
        var answers = await Task.WhenAll(gathered.Select(query => SendAsync(query.Side, query.Shard, query.Request, cancellation)));
        return Answer(worker % _workers.Length, request, [.. answers.Select(answer => (ReadOnlyMemory<byte>)answer)]);
    }

    private int[] Cuts(TableSide side) => side == TableSide.Left ? leftCuts : rightCuts;

    private int WorkerIndex(TableSide side, int shard) => (shard + (int)side) % _workers.Length;

    private byte[] Answer(int worker, byte[] request, IReadOnlyList<ReadOnlyMemory<byte>> gathered)
    {
        lock (_busy[worker])
        {
            return _workers[worker].Handle(request, gathered);
        }
    }
}
