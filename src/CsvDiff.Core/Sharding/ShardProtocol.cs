// What the messages between ShardedDiff and its ShardWorkers say, as records: the protocol apart from its bytes (ShardMessages).
using CsvDiff.Fingerprinting;

namespace CsvDiff.Sharding;

/// <summary>What a worker tells the coordinator about a shard it has read, or why it could not.</summary>
internal sealed record ShardSummary(string Name, string? Problem, TextEncoding Encoding, byte Delimiter, string[] Columns, int RowCount,
    int FirstLine, int EndLine, int RaggedRows, int DataLength, string[] Notices);

/// <summary>Rows split by the partition of the hash they are matched on: per partition, the rows (global numbers, in order) and those hashes.</summary>
internal sealed record HashPartitions(int[][] Rows, ulong[][] Hashes)
{
    /// <summary>Splits rows numbered from <paramref name="firstRow"/> on by <see cref="Internals.PartitionRunner.PartitionOf"/> of their hashes.</summary>
    public static HashPartitions Split(ulong[] hashes, int count, int firstRow)
    {
        var sizes = new int[count];
        foreach (var hash in hashes)
        {
            sizes[Internals.PartitionRunner.PartitionOf(hash, count)]++;
        }
        var rows = sizes.Select(size => new int[size]).ToArray();
        var partHashes = sizes.Select(size => new ulong[size]).ToArray();
        Array.Clear(sizes);
        for (var row = 0; row < hashes.Length; row++)
        {
            var p = Internals.PartitionRunner.PartitionOf(hashes[row], count);
            rows[p][sizes[p]] = firstRow + row;
            partHashes[p][sizes[p]++] = hashes[row];
        }
        return new HashPartitions(rows, partHashes);
    }
}

/// <summary>One hash partition's pairs (global rows), and each side's rows that repeat a hash.</summary>
internal sealed record PartitionMatch(int[] Lefts, int[] Rights, RepeatedRows Left, RepeatedRows Right);

/// <summary>
/// How many of one side's rows in a partition repeat the hash of a row before them, and the first few rows of the earliest
/// group of equal hashes (global rows, in order): what a duplicate-key error names. Equal hashes share a partition, so the
/// group is the whole table's.
/// </summary>
internal sealed record RepeatedRows(int Count, int[] Group)
{
    public static readonly RepeatedRows None = new(0, []);
}

/// <summary>A request a worker answers: about a shard it holds, or work that needs none.</summary>
internal abstract record ShardRequest;

/// <summary>Hash a shard's rows as <paramref name="Plan"/> says, and split them (numbered from <paramref name="FirstRow"/>) into partitions.</summary>
internal sealed record HashShard((TableSide Side, int Shard) Key, ReadPlan Plan, int PartitionCount, int FirstRow) : ShardRequest;

/// <summary>Hand out these rows of a shard (numbers within it), each with its line.</summary>
internal sealed record ShardRows((TableSide Side, int Shard) Key, int[] Rows) : ShardRequest;

/// <summary>
/// One shard's piece of a hash partition (its rows, global numbers, and their hashes), as its last <paramref name="Hashing"/>
/// split them; a worker that took the shard over since hashes it again as <paramref name="Hashing"/> says.
/// </summary>
internal sealed record PartitionPiece(HashShard Hashing, int Partition) : ShardRequest;

/// <summary>
/// Pair one hash partition's rows (global numbers, in order) by their hashes, and find repeats when asked: the rows and hashes
/// gathered from every shard's <see cref="PartitionPiece"/> of it.
/// </summary>
internal sealed record MatchPartition(int[] LeftRows, ulong[] LeftHashes, int[] RightRows, ulong[] RightHashes, bool FindDuplicates) : ShardRequest;

/// <summary>Score a block of left leftovers (from <paramref name="FirstLeft"/>) against all right ones, keeping pairs alike enough.</summary>
internal sealed record ScoreBlock(double Threshold, int FirstLeft, string[][] LeftBlock, string[][] RightCells) : ShardRequest;
