// Pairs rows with equal hashes, the n-th occurrence on the left with the n-th on the right, one hash partition per worker.
using CsvDiff.Internals;

namespace CsvDiff.Alignment;

internal static class HashMatcher
{
    public static RowMatching Match(ulong[] left, ulong[] right, Workers workers)
    {
        var matching = new RowMatching(left.Length, right.Length);
        // Each left row's next occurrence of the same hash, so repeated hashes pair in file order.
        var nextLeft = new int[left.Length];
        var partitions = workers.HashPartitions(left.Length + right.Length);
        workers.Run(partitions, partition =>
        {
            using var map = new HashToRowMap(left.Length / partitions + 1);
            for (var row = left.Length - 1; row >= 0; row--)
            {
                if (Workers.PartitionOf(left[row], partitions) == partition)
                {
                    ref var head = ref map.GetOrAdd(left[row], out _);
                    nextLeft[row] = head;
                    head = row;
                }
            }
            workers.Cancellation.ThrowIfCancellationRequested();
            var absent = -1;
            for (var row = 0; row < right.Length; row++)
            {
                if (Workers.PartitionOf(right[row], partitions) != partition)
                {
                    continue;
                }
                ref var head = ref map.Find(right[row], ref absent);
                if (head >= 0)
                {
                    matching.Pair(head, row);
                    head = nextLeft[head];
                }
            }
        });
        return matching;
    }

    /// <summary>The rows sharing the first repeated hash (in row order), and how many rows repeat some earlier row's hash.</summary>
    public static (int[] FirstGroup, int RepeatedRows) FindDuplicates(ulong[] hashes, Workers workers)
    {
        var partitions = workers.HashPartitions(hashes.Length);
        var firstDuplicate = new int[partitions];
        var repeated = new int[partitions];
        workers.Run(partitions, partition =>
        {
            using var map = new HashToRowMap(hashes.Length / partitions + 1);
            var earliest = int.MaxValue;
            for (var row = 0; row < hashes.Length; row++)
            {
                if (Workers.PartitionOf(hashes[row], partitions) != partition)
                {
                    continue;
                }
                ref var first = ref map.GetOrAdd(hashes[row], out var existed);
                if (!existed)
                {
                    first = row;
                    continue;
                }
                repeated[partition]++;
                earliest = Math.Min(earliest, first);
            }
            firstDuplicate[partition] = earliest;
        });
        var total = repeated.Sum();
        if (total == 0)
        {
            return ([], 0);
        }
        return (GroupFrom(hashes, firstDuplicate.Min()), total);
    }

    /// <summary>The first few rows, from <paramref name="firstRow"/> on, that share its hash: what a duplicate-key error names.</summary>
    public static int[] GroupFrom(ulong[] hashes, int firstRow)
    {
        var group = new List<int>();
        for (var row = firstRow; row < hashes.Length && group.Count < 5; row++)
        {
            if (hashes[row] == hashes[firstRow])
            {
                group.Add(row);
            }
        }
        return [.. group];
    }
}
