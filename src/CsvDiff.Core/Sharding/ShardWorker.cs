// The part of a sharded diff that runs where the shards are: reads them, hashes their rows and hands out rows on request.
using CsvDiff.Alignment;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;
using CsvDiff.Reading;

namespace CsvDiff.Sharding;

/// <summary>
/// Holds the shards one worker was given, for the length of one diff. Every call is synchronous and answers in bytes,
/// so a host can put a worker behind any message channel.
/// </summary>
public sealed class ShardWorker(DiffOptions options)
{
    private readonly Dictionary<(TableSide Side, int Shard), CsvTable> _shards = [];
    // Hashes taken while a shard was read, for the plan the coordinator expected; a hash request for that plan takes them.
    private readonly Dictionary<(TableSide Side, int Shard), (ReadPlan Plan, RowFingerprints Prints)> _hashed = [];
    // Each shard's rows split into hash partitions by its latest hash request, each partition's piece kept until it is handed
    // out to the worker that matches the partition: a worker's collections take longer the more its heap holds.
    private readonly Dictionary<(TableSide Side, int Shard), (HashPartitions Split, bool[] HandedOut)> _partitions = [];
    private readonly CellComparer _comparer = new(options.Values);
    private readonly PartitionRunner _runner = new(SequentialScheduler.Instance, Internals.PartitionRunner.DefaultMinimumRowsPerPartition, CancellationToken.None);

    /// <summary>
    /// Reads one shard. <paramref name="input"/> is the shard's bytes, preceded for every shard but the first by the
    /// <paramref name="headerLength"/> bytes of the input's start up to and including the header record's line break.
    /// <paramref name="readPlan"/> is what <see cref="IShardCluster.LoadAsync"/> was given for the shard.
    /// Returns a summary for <see cref="ShardedDiff"/>; a shard that cannot be read says why instead of throwing.
    /// </summary>
    public byte[] Load(TableSide side, int shard, TableInput input, int headerLength, byte[] readPlan)
    {
        try
        {
            var plan = ShardMessages.ReadReadPlan(readPlan);
            var format = plan.Delimiter is { } delimiter ? options.Csv with { Delimiter = delimiter } : options.Csv;
            var hashes = plan is { HashColumns: { } columns, KeyPositions: { } keys }
                ? new RowFingerprints.Builder(columns, keys, _comparer.Normalizer, plan.HashForm)
                : null;
            var table = TableReader.Read(input, format, null, CancellationToken.None, hashes);
            var firstLine = 1;
            if (headerLength > 0)
            {
                // Read alone, the header part must be exactly one record: otherwise its end was not the header's end.
                var header = TableReader.Read(input with { Bytes = input.Bytes[..headerLength] },
                    options.Csv with { Delimiter = (char)table.Tokenizer.Delimiter }, null, CancellationToken.None);
                if (header.RowCount > 0 || !header.Columns.SequenceEqual(table.Columns))
                {
                    return ShardMessages.Unreadable(input.Name, "its header part is not exactly the header record");
                }
                firstLine = header.EndLine;
            }
            _shards[(side, shard)] = table;
            if (hashes is not null)
            {
                _hashed[(side, shard)] = (plan, hashes.Build(table.RowCount).Exact());
            }
            // With the delimiter fixed by the coordinator, the summary says what detection would have picked, for it to check;
            // otherwise the table was read with the detected (or given) delimiter already.
            var delimiterSeen = plan.Delimiter is null ? table.Tokenizer.Delimiter : DelimiterDetector.Detect(table.Data.Span);
            return ShardMessages.Summary(table, firstLine, delimiterSeen);
        }
        catch (CsvDiffException e)
        {
            return ShardMessages.Unreadable(input.Name, e.Message);
        }
    }

    /// <summary>Answers a request from <see cref="ShardedDiff"/>: about a shard this worker loaded, or work that needs none.</summary>
    public byte[] Handle(byte[] request) => Handle(request, []);

    /// <summary>
    /// Answers a request from <see cref="ShardedDiff"/> that comes with the answers <see cref="IShardCluster.ComputeGatheringAsync"/>
    /// gathered for it from the workers holding shards.
    /// </summary>
    public byte[] Handle(byte[] request, IReadOnlyList<ReadOnlyMemory<byte>> gathered) => ShardMessages.ReadRequest(request, gathered) switch
    {
        HashShard hash => ShardMessages.HashReply(HashAndSplit(hash).Prints),
        PartitionPiece piece => HandOut(piece),
        ShardRows rows => ShardMessages.RowsReply(ShardOf(rows.Key), rows.Rows),
        MatchPartition match => Match(match),
        ScoreBlock score => ShardMessages.ScoreReply(
            SimilarityPairer.ScoreBlock(score.LeftBlock, score.FirstLeft, score.RightCells, _comparer, score.Threshold, CancellationToken.None)),
        var other => throw new InvalidDataException($"no answer to {other}"),
    };

    // Rows are matched on their keys' hashes, or by content on the rows' own; the key hashes are needed nowhere else.
    private (RowFingerprints Prints, HashPartitions Partitions) HashAndSplit(HashShard hash)
    {
        var prints = Hash(hash.Key, hash.Plan);
        var partitions = HashPartitions.Split(prints.KeyHashes ?? prints.RowHashes, hash.PartitionCount, hash.FirstRow);
        _partitions[hash.Key] = (partitions, new bool[hash.PartitionCount]);
        return (prints, partitions);
    }

    // The coordinator asks for a shard's pieces after its hash request, and a Web Worker answers in order, so the partitions
    // kept are that request's. A worker without the piece (it took the shard over from one that died, was asked for a piece
    // first, or handed it out already to a matching worker that died since) hashes the shard again.
    private byte[] HandOut(PartitionPiece piece)
    {
        var (hash, p) = (piece.Hashing, piece.Partition);
        if (!_partitions.TryGetValue(hash.Key, out var kept) || kept.HandedOut.Length != hash.PartitionCount || kept.HandedOut[p])
        {
            HashAndSplit(hash);
            kept = _partitions[hash.Key];
        }
        var reply = ShardMessages.PieceReply(kept.Split, p);
        (kept.Split.Rows[p], kept.Split.Hashes[p], kept.HandedOut[p]) = ([], [], true);
        return reply;
    }

    private CsvTable ShardOf((TableSide Side, int Shard) key) => _shards.TryGetValue(key, out var table)
        ? table
        : throw new InvalidOperationException($"shard {key.Shard} of the {key.Side.ToString().ToLowerInvariant()} table is not loaded here");

    // Hashes taken while the shard was read serve when they cover what is asked; otherwise the shard is hashed now.
    private RowFingerprints Hash((TableSide Side, int Shard) key, ReadPlan wanted)
    {
        var table = ShardOf(key);
        if (_hashed.Remove(key, out var taken) && taken.Plan.Covers(wanted.HashColumns!, wanted.KeyPositions!, wanted.HashForm))
        {
            return taken.Prints;
        }
        return RowFingerprints.Compute(table, wanted.HashColumns!, wanted.KeyPositions!, _comparer.Normalizer, _runner, wanted.HashForm);
    }

    private byte[] Match(MatchPartition match)
    {
        var (matching, leftRepeats, rightRepeats) = match.FindDuplicates
            ? HashMatcher.MatchUnique(match.LeftHashes, match.RightHashes, _runner)
            : (HashMatcher.Match(match.LeftHashes, match.RightHashes, _runner), Repeats.None, Repeats.None);
        // Arrays filled in place, not lists grown a call at a time: a partition pairs about half a million rows.
        var (rightToLeft, leftRows, rightRows) = (matching.RightToLeft, match.LeftRows, match.RightRows);
        var lefts = new int[rightRows.Length];
        var rights = new int[rightRows.Length];
        var pairs = 0;
        for (var r = 0; r < rightRows.Length; r++)
        {
            if (rightToLeft[r] is var l and >= 0)
            {
                lefts[pairs] = leftRows[l];
                rights[pairs++] = rightRows[r];
            }
        }
        return ShardMessages.MatchReply(lefts, rights, pairs, Repeated(leftRepeats, match.LeftRows, match.LeftHashes),
            Repeated(rightRepeats, match.RightRows, match.RightHashes));
    }

    private static RepeatedRows Repeated(Repeats repeats, int[] rows, ulong[] hashes) => repeats.RepeatedRows == 0
        ? RepeatedRows.None
        : new RepeatedRows(repeats.RepeatedRows, [.. HashMatcher.GroupFrom(hashes, repeats.FirstRepeated).Select(i => rows[i])]);

    /// <summary>Forgets every shard, freeing its memory.</summary>
    public void Clear()
    {
        _shards.Clear();
        _hashed.Clear();
        _partitions.Clear();
    }
}
