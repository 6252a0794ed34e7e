// One input as the coordinator of a sharded diff sees it: its shards' summaries stitched into one table of global rows and lines.
using CsvDiff.Fingerprinting;
using CsvDiff.Reading;

namespace CsvDiff.Sharding;

internal sealed class ShardedTable
{
    private readonly IShardCluster _cluster;
    private readonly TableSide _side;
    private readonly int[] _firstRow;
    private readonly int[] _lineOffset;

    private ShardedTable(IShardCluster cluster, TableSide side, ShardSummary[] shards)
    {
        _cluster = cluster;
        _side = side;
        _firstRow = new int[shards.Length + 1];
        _lineOffset = new int[shards.Length];
        var globalLine = 1;
        for (var i = 0; i < shards.Length; i++)
        {
            _firstRow[i + 1] = _firstRow[i] + shards[i].RowCount;
            _lineOffset[i] = globalLine - shards[i].FirstLine;
            globalLine += shards[i].EndLine - shards[i].FirstLine;
        }
        var first = shards[0];
        Name = first.Name;
        Header = new TableHeader(Name, first.Columns);
        Info = new TableInfo(Name, first.Encoding, (char)first.Delimiter, true, first.Columns, RowCount);
        Notices = first.Notices;
    }

    public string Name { get; }

    public TableHeader Header { get; }

    public TableInfo Info { get; }

    public IReadOnlyList<string> Notices { get; }

    public int RowCount => _firstRow[^1];

    /// <summary>Has every shard read; the table, or why its shards do not add up to what reading it whole would give.</summary>
    public static async Task<(ShardedTable? Table, string? Problem)> LoadAsync(IShardCluster cluster, TableSide side, DiffOptions options,
        ReadPlan plan, CancellationToken cancellation)
    {
        var count = cluster.ShardCount(side);
        var planBytes = ShardMessages.Plan(plan);
        var replies = await Task.WhenAll(Enumerable.Range(0, count).Select(shard => cluster.LoadAsync(side, shard, planBytes, cancellation)));
        var shards = replies.Select(ShardMessages.ReadSummary).ToArray();
        var name = shards[0].Name;
        for (var i = 0; i < shards.Length; i++)
        {
            if (shards[i].Problem is { } problem)
            {
                return (null, $"part {i + 1} of {count} of {name} cannot be read on its own ({problem})");
            }
        }
        if (ProblemAcross(name, shards, options, plan.Delimiter) is { } inconsistency)
        {
            return (null, inconsistency);
        }
        return (new ShardedTable(cluster, side, shards), null);
    }

    // Every part read alone must have made the same decisions as reading the whole, or the result would differ.
    private static string? ProblemAcross(string name, ShardSummary[] shards, DiffOptions options, char? readWith)
    {
        var first = shards[0];
        if (readWith is { } guessed && first.Delimiter != guessed)
        {
            return $"{name} was read with the delimiter guessed from its first 64 KiB, '{guessed}', but the whole file reads as '{(char)first.Delimiter}'";
        }
        if (shards.Length == 1)
        {
            return null;
        }
        var parts = $"the {shards.Length} parts of {name}";
        if (first.Encoding is TextEncoding.Utf16LittleEndian or TextEncoding.Utf16BigEndian)
        {
            return $"{parts} are UTF-16, which cannot be cut at line-break bytes";
        }
        if (shards.Any(s => s.Encoding != first.Encoding))
        {
            return $"{parts} differ in encoding (one part is not valid UTF-8), so the file must be decoded whole";
        }
        // Detection on the first part is detection on the file only if that part holds the whole sample; parts read with their
        // own detection must also agree with it.
        if (options.Csv.Delimiter is null
            && (first.DataLength <= DelimiterDetector.SampleBytes || (readWith is null && shards.Any(s => s.Delimiter != first.Delimiter))))
        {
            return $"{parts} do not agree on the delimiter";
        }
        if (shards.Any(s => !s.Columns.SequenceEqual(first.Columns)))
        {
            return $"{parts} do not share one header";
        }
        if (shards.Any(s => s.RaggedRows > 0))
        {
            return $"{parts} have rows of uneven length, which are reported for the file as a whole";
        }
        return null;
    }

    /// <summary>
    /// Asks every shard for its rows' hashes, and names per hash partition (of <paramref name="partitionCount"/>) the requests
    /// for each shard's piece of it. Each worker splits its own shards' rows by the hash they are matched on and keeps the
    /// pieces for the partitions' workers: the coordinator, whose work is serial, never holds the key hashes
    /// (<see cref="RowFingerprints.KeyHashes"/> is null). The pieces can be asked for at once: a worker answers its requests
    /// in order, and one asked for a piece of a shard it has not hashed (it took the shard over) hashes it then.
    /// </summary>
    public (Task<RowFingerprints> Prints, ShardQuery[][] Pieces) Hash(int[] columns, int[] keyPositions, RowHashForm form, int partitionCount,
        CancellationToken cancellation)
    {
        var shards = _lineOffset.Length;
        var replies = Enumerable.Range(0, shards).Select(shard => _cluster.SendAsync(_side, shard,
            ShardMessages.Hash(_side, shard, columns, keyPositions, form, partitionCount, _firstRow[shard]), cancellation)).ToArray();
        var pieces = Enumerable.Range(0, partitionCount).Select(partition => Enumerable.Range(0, shards).Select(shard => new ShardQuery(_side, shard,
            ShardMessages.Piece(_side, shard, columns, keyPositions, form, partitionCount, _firstRow[shard], partition))).ToArray()).ToArray();
        return (JoinedAsync(replies), pieces);
    }

    private async Task<RowFingerprints> JoinedAsync(Task<byte[]>[] replies)
    {
        var rowHashes = new ulong[RowCount];
        for (var shard = 0; shard < replies.Length; shard++)
        {
            ShardMessages.ReadHashes(await replies[shard], rowHashes, _firstRow[shard], _firstRow[shard + 1] - _firstRow[shard]);
        }
        return new RowFingerprints(rowHashes, null);
    }

    /// <summary>The values and lines of <paramref name="rows"/> (global row numbers), fetched from the shards that hold them.</summary>
    public async Task<FetchedRows> FetchAsync(IEnumerable<int> rows, CancellationToken cancellation)
    {
        var byShard = rows.Distinct().Order().GroupBy(ShardOf).ToArray();
        var replies = await Task.WhenAll(byShard.Select(group => _cluster.SendAsync(_side, group.Key,
            ShardMessages.Rows(_side, group.Key, group.Select(row => row - _firstRow[group.Key]).ToArray()), cancellation)));
        var fetched = new Dictionary<int, (int, IReadOnlyList<string>)>();
        for (var i = 0; i < byShard.Length; i++)
        {
            var shard = byShard[i].Key;
            var values = ShardMessages.ReadRows(replies[i]);
            var j = 0;
            foreach (var row in byShard[i])
            {
                fetched[row] = (values[j].Line + _lineOffset[shard], values[j].Values);
                j++;
            }
        }
        return new FetchedRows(Name, fetched);
    }

    private int ShardOf(int row)
    {
        var shard = 0;
        while (_firstRow[shard + 1] <= row)
        {
            shard++;
        }
        return shard;
    }
}
