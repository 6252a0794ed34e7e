// Pairs rows with equal hashes, the n-th occurrence on the left with the n-th on the right, one hash partition per worker.
using System.Runtime.InteropServices;
using CsvDiff.Internals;

namespace CsvDiff.Alignment;

/// <summary>Where a table's keys repeat: the earliest row whose key comes again (int.MaxValue for none), and how many rows repeat one.</summary>
internal readonly record struct Repeats(int FirstRepeated, int RepeatedRows)
{
    public static Repeats None => new(int.MaxValue, 0);

    public Repeats Add(Repeats other) => new(Math.Min(FirstRepeated, other.FirstRepeated), RepeatedRows + other.RepeatedRows);
}

internal static class HashMatcher
{
    public static RowMatching Match(ulong[] left, ulong[] right, PartitionRunner runner) => Match(left, left.Length, right, right.Length, runner);

    /// <summary>Pairs the first <paramref name="leftCount"/> rows of <paramref name="left"/> with the first <paramref name="rightCount"/> of <paramref name="right"/>.</summary>
    public static RowMatching Match(ulong[] left, int leftCount, ulong[] right, int rightCount, PartitionRunner runner)
    {
        var matching = new RowMatching(leftCount, rightCount, runner);
        // Each left row's next occurrence of the same hash, so repeated hashes pair in file order.
        var nextLeft = new int[leftCount];
        var partitions = runner.HashPartitions(leftCount + rightCount);
        runner.Run(partitions, partition =>
        {
            using var map = new HashToRowMap(left, PartitionRunner.CountIn(left, leftCount, partition, partitions));
            for (var row = leftCount - 1; row >= 0; row--)
            {
                if (PartitionRunner.PartitionOf(left[row], partitions) == partition)
                {
                    ref var head = ref map.GetOrAdd(row, out var existed);
                    nextLeft[row] = existed ? head : -1;
                    head = row;
                }
            }
            runner.Cancellation.ThrowIfCancellationRequested();
            var batch = new RightBatch(right, rightCount, partition, partitions);
            while (batch.Next(map))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var slot = batch.Slots[i];
                    if (slot < 0 || map[slot] < 0)
                    {
                        continue;
                    }
                    ref var head = ref map[slot];
                    matching.Pair(head, batch.Rows[i]);
                    // The last of a hash's left rows stays in its slot, marked used, so the slot keeps answering for the hash.
                    head = nextLeft[head] >= 0 ? nextLeft[head] : HashToRowMap.Used(head);
                }
            }
        });
        return matching;
    }

    /// <summary>
    /// Pairs rows whose keys must be unique, and finds where they are not. One map of the left keys serves both the left's
    /// check and the pairing; a right key repeats when it finds its left partner taken, or, for keys only on the right, in a
    /// map of those. Three map builds (two checks and the pairing) become one and a probe. The right's repeats are known only
    /// when the left has none, which is the order they are reported in.
    /// </summary>
    public static (RowMatching Matching, Repeats Left, Repeats Right) MatchUnique(ulong[] left, ulong[] right, PartitionRunner runner) =>
        MatchUnique(left, left.Length, right, right.Length, runner);

    /// <summary>As <see cref="MatchUnique(ulong[], ulong[], PartitionRunner)"/>, over the first <paramref name="leftCount"/> and <paramref name="rightCount"/> hashes.</summary>
    public static (RowMatching Matching, Repeats Left, Repeats Right) MatchUnique(ulong[] left, int leftCount, ulong[] right, int rightCount,
        PartitionRunner runner)
    {
        var matching = new RowMatching(leftCount, rightCount, runner);
        var partitions = runner.HashPartitions(leftCount + rightCount);
        var found = new (Repeats Left, Repeats Right)[partitions];
        runner.Run(partitions, partition =>
        {
            using var map = new HashToRowMap(left, PartitionRunner.CountIn(left, leftCount, partition, partitions));
            var (firstRepeated, repeated) = map.AddUnique(leftCount, partition, partitions);
            var leftRepeats = repeated > 0 ? new Repeats(firstRepeated, repeated) : Repeats.None;
            runner.Cancellation.ThrowIfCancellationRequested();
            if (leftRepeats.RepeatedRows > 0)
            {
                found[partition] = (leftRepeats, Repeats.None);
                return;
            }
            var rightRepeats = Repeats.None;
            var rightOnly = new Dictionary<ulong, int>();
            var batch = new RightBatch(right, rightCount, partition, partitions);
            while (batch.Next(map))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var (slot, row) = (batch.Slots[i], batch.Rows[i]);
                    if (slot < 0)
                    {
                        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(rightOnly, right[row], out var existed);
                        rightRepeats = existed ? rightRepeats.Add(new(first, 1)) : rightRepeats;
                        first = existed ? first : row;
                        continue;
                    }
                    // A left partner still free holds its row; once taken it is marked used, so the map keeps its key.
                    ref var partner = ref map[slot];
                    if (partner >= 0)
                    {
                        matching.Pair(partner, row);
                        partner = HashToRowMap.Used(partner);
                    }
                    else
                    {
                        rightRepeats = rightRepeats.Add(new(matching.LeftToRight[HashToRowMap.RowOf(partner)], 1));
                    }
                }
            }
            found[partition] = (leftRepeats, rightRepeats);
        });
        return (matching, found.Aggregate(Repeats.None, (all, f) => all.Add(f.Left)), found.Aggregate(Repeats.None, (all, f) => all.Add(f.Right)));
    }

    // The right rows of one partition, a batch at a time, with the slots of their hashes in the partition's map.
    private sealed class RightBatch(ulong[] right, int rightCount, int partition, int partitions)
    {
        private const int Size = 32;
        private readonly ulong[] _hashes = new ulong[Size];
        private int _next;

        public int[] Rows { get; } = new int[Size];

        public int[] Slots { get; } = new int[Size];

        public int Count { get; private set; }

        /// <summary>Gathers the next batch and finds its slots; false when no rows are left.</summary>
        public bool Next(HashToRowMap map)
        {
            Count = PartitionRunner.Gather(right, rightCount, partition, partitions, ref _next, Rows, _hashes);
            map.FindSlots(_hashes.AsSpan(0, Count), Slots);
            return Count > 0;
        }
    }

    /// <summary>Whether no two rows share a hash: what choosing a key asks of each candidate column.</summary>
    public static bool AreUnique(ulong[] hashes, PartitionRunner runner)
    {
        var partitions = runner.HashPartitions(hashes.Length);
        var repeated = new bool[partitions];
        runner.Run(partitions, partition =>
        {
            using var map = new HashToRowMap(hashes, PartitionRunner.CountIn(hashes, hashes.Length, partition, partitions));
            for (var row = 0; row < hashes.Length && !repeated[partition]; row++)
            {
                if (PartitionRunner.PartitionOf(hashes[row], partitions) == partition)
                {
                    map.GetOrAdd(row, out repeated[partition]);
                }
            }
        });
        return !repeated.Contains(true);
    }

    /// <summary>The first few rows, from <paramref name="firstRow"/> on, that share its hash: what a duplicate-key error names.</summary>
    public static int[] GroupFrom(ulong[] hashes, int firstRow) => GroupFrom(hashes, hashes.Length, firstRow);

    /// <summary>As <see cref="GroupFrom(ulong[], int)"/>, among the first <paramref name="rowCount"/> hashes.</summary>
    public static int[] GroupFrom(ulong[] hashes, int rowCount, int firstRow)
    {
        var group = new List<int>();
        for (var row = firstRow; row < rowCount && group.Count < 5; row++)
        {
            if (hashes[row] == hashes[firstRow])
            {
                group.Add(row);
            }
        }
        return [.. group];
    }
}
