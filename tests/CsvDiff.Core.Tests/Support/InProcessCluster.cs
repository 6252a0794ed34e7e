// A host for sharded diffs inside the test process: cuts inputs the way the browser viewer does and lends shards to ShardWorkers.
namespace CsvDiff.Tests.Support;

internal sealed class InProcessCluster(TableInput left, int[] leftCuts, TableInput right, int[] rightCuts, DiffOptions options, int workerCount)
    : IShardCluster
{
    private readonly ShardWorker[] _workers = Enumerable.Range(0, workerCount).Select(_ => new ShardWorker(options)).ToArray();

    public int ShardCount(TableSide side) => Cuts(side).Length + 1;

    public Task<byte[]> LoadAsync(TableSide side, int shard, byte[] readPlan, CancellationToken cancellation)
    {
        var (input, cuts) = side == TableSide.Left ? (left, leftCuts) : (right, rightCuts);
        var bytes = input.Bytes;
        var start = shard == 0 ? 0 : cuts[shard - 1];
        var end = shard == cuts.Length ? bytes.Length : cuts[shard];
        var headerLength = shard == 0 ? 0 : ShardCuts.HeaderEnd(bytes.Span);
        ReadOnlyMemory<byte> part = shard == 0 ? bytes[start..end] : (byte[])[.. bytes.Span[..headerLength], .. bytes.Span[start..end]];
        return Task.FromResult(WorkerOf(side, shard).Load(side, shard, input with { Bytes = part }, headerLength, readPlan));
    }

    // Replies are awaited asynchronously, as a real channel would make them.
    public async Task<byte[]> SendAsync(TableSide side, int shard, byte[] request, CancellationToken cancellation)
    {
        await Task.Yield();
        return WorkerOf(side, shard).Handle(request);
    }

    public int WorkerCount => _workers.Length;

    public async Task<byte[]> ComputeAsync(int worker, byte[] request, CancellationToken cancellation)
    {
        await Task.Yield();
        return _workers[worker % _workers.Length].Handle(request);
    }

    private int[] Cuts(TableSide side) => side == TableSide.Left ? leftCuts : rightCuts;

    private ShardWorker WorkerOf(TableSide side, int shard) => _workers[(shard + (int)side) % _workers.Length];
}

/// <summary>Where the viewer cuts an input: after a line break outside quotes, counting quotes from the start.</summary>
internal static class ShardCuts
{
    /// <summary>The end of the header record, or 0 when there is no complete one.</summary>
    public static int HeaderEnd(ReadOnlySpan<byte> bytes)
    {
        var quotes = 0;
        var content = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            quotes += bytes[i] == '"' ? 1 : 0;
            if (bytes[i] == '\n' && quotes % 2 == 0 && content)
            {
                return i + 1;
            }
            content |= bytes[i] is not ((byte)'\n' or (byte)'\r');
        }
        return 0;
    }

    /// <summary>Up to <paramref name="count"/> - 1 cuts after the header, at or after evenly spaced targets.</summary>
    public static int[] Even(ReadOnlySpan<byte> bytes, int count)
    {
        var length = (long)bytes.Length;
        return AfterTargets(bytes, Enumerable.Range(1, count - 1).Select(i => (int)(length * i / count)));
    }

    /// <summary>Cuts after line breaks at or after the given targets, quotes counted; none inside the header.</summary>
    public static int[] AfterTargets(ReadOnlySpan<byte> bytes, IEnumerable<int> targets)
    {
        var headerEnd = HeaderEnd(bytes);
        if (headerEnd == 0)
        {
            return [];
        }
        var cuts = new List<int>();
        var quotes = 0;
        var position = 0;
        foreach (var target in targets.Order())
        {
            for (; position < bytes.Length; position++)
            {
                quotes += bytes[position] == '"' ? 1 : 0;
                if (bytes[position] == '\n' && quotes % 2 == 0 && position + 1 >= Math.Max(target, headerEnd) && position + 1 < bytes.Length)
                {
                    if (cuts.Count == 0 || cuts[^1] != position + 1)
                    {
                        cuts.Add(position + 1);
                    }
                    position++;
                    break;
                }
            }
        }
        return [.. cuts];
    }

    /// <summary>Cuts after any line breaks, quoted or not: some land inside quoted fields, which the sharded diff must notice.</summary>
    public static int[] AnyLineBreaks(ReadOnlySpan<byte> bytes, int[] picks)
    {
        var headerEnd = HeaderEnd(bytes);
        var breaks = new List<int>();
        for (var i = headerEnd; i < bytes.Length - 1; i++)
        {
            if (bytes[i] == '\n')
            {
                breaks.Add(i + 1);
            }
        }
        return headerEnd == 0 || breaks.Count == 0 ? [] : picks.Select(p => breaks[p % breaks.Count]).Distinct().Order().ToArray();
    }
}
