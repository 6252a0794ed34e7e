// The engine pool seen from the page's coordinator: shards held by Web Workers, reached through the page's JavaScript.
using CsvDiff.Sharding;

namespace CsvDiff.Web.Page;

// The calls take no token: a worker's .NET code cannot be interrupted, so cancelling a run stops the whole pool at once
// (EngineRunner registers that on the run's token), and every call in flight then fails as cancelled.
internal sealed class PoolShardCluster(BrowserBridge bridge, int leftShards, int rightShards, int workers) : IShardCluster
{
    public int WorkerCount => workers;

    public async Task<byte[]> ComputeAsync(int worker, byte[] request, CancellationToken cancellation) => await bridge.ComputeAsync(worker, request);

    public async Task<byte[]> ComputeGatheringAsync(int worker, byte[] request, IReadOnlyList<ShardQuery> gathered, CancellationToken cancellation) =>
        await bridge.ComputeGatheringAsync(worker, request, [.. gathered.Select(query => (int)query.Side)], [.. gathered.Select(query => query.Shard)],
            [.. gathered.Select(query => query.Request)]);

    public int ShardCount(TableSide side) => side == TableSide.Left ? leftShards : rightShards;

    public async Task<byte[]> LoadAsync(TableSide side, int shard, byte[] readPlan, CancellationToken cancellation) =>
        await bridge.LoadShardAsync((int)side, shard, readPlan);

    public async Task<byte[]> SendAsync(TableSide side, int shard, byte[] request, CancellationToken cancellation) =>
        await bridge.SendShardAsync((int)side, shard, request);
}
