// What every parallel stage needs: who runs partitions, how finely to cut work, and when to stop.
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace CsvDiff.Internals;

internal sealed class PartitionRunner(IPartitionScheduler scheduler, int minimumRowsPerPartition, CancellationToken cancellation)
{
    /// <summary>Below this many rows a partition costs more to schedule than it saves.</summary>
    public const int DefaultMinimumRowsPerPartition = 8192;

    public CancellationToken Cancellation => cancellation;

    /// <summary>How many workers the scheduler runs at once.</summary>
    public int Parallelism => scheduler.Parallelism;

    public void Run(int partitionCount, Action<int> work) => scheduler.Run(partitionCount, work);

    /// <summary>Runs one piece of work per table (0 left, 1 right) side by side; when both fail, the left's failure is raised, as if run in order.</summary>
    public (T Left, T Right) RunBoth<T>(Func<int, T> work)
    {
        var results = RunAll(2, work);
        return (results[0], results[1]);
    }

    /// <summary>
    /// Runs <paramref name="count"/> pieces of work side by side and gives their results in order; when some fail, the first
    /// one's failure is raised, as if they ran in order.
    /// </summary>
    public T[] RunAll<T>(int count, Func<int, T> work)
    {
        var results = new T[count];
        var failures = new ExceptionDispatchInfo?[count];
        Run(count, piece =>
        {
            try
            {
                results[piece] = work(piece);
            }
#pragma warning disable CA1031 // Every failure is kept and the first thrown again below; none is swallowed.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures[piece] = ExceptionDispatchInfo.Capture(e);
            }
        });
        foreach (var failure in failures)
        {
            failure?.Throw();
        }
        return results;
    }

    /// <summary>How many row-range partitions to cut <paramref name="rows"/> into: a few per worker, for balance.</summary>
    public int RowPartitions(int rows) => RowPartitions(rows, minimumRowsPerPartition);

    /// <summary>As <see cref="RowPartitions(int)"/>, for work that costs more a row: partitions of <paramref name="minimumRows"/> rows and up (fewer when the runner asks for fewer: tests).</summary>
    public int RowPartitions(int rows, int minimumRows) =>
        Math.Clamp(rows / Math.Min(minimumRows, minimumRowsPerPartition), 1, scheduler.Parallelism * 4);

    /// <summary>
    /// How many hash partitions to split <paramref name="rows"/> keyed rows into: one table per partition, and one partition per
    /// worker, since each partition scans every row to pick out its own (hash partitions come out even, so more would not balance better).
    /// </summary>
    public int HashPartitions(int rows) =>
        scheduler.Parallelism == 1 ? 1 : Math.Clamp(rows / minimumRowsPerPartition, 1, scheduler.Parallelism);

    public static (int Start, int End) Range(int rows, int partition, int partitionCount) =>
        ((int)((long)rows * partition / partitionCount), (int)((long)rows * (partition + 1) / partitionCount));

    /// <summary>How many of the first <paramref name="rowCount"/> hashes belong to <paramref name="partition"/>: what sizes its map so it can never fill.</summary>
    public static int CountIn(ulong[] hashes, int rowCount, int partition, int partitionCount)
    {
        if (partitionCount == 1)
        {
            return rowCount;
        }
        var count = 0;
        foreach (var hash in hashes.AsSpan(0, rowCount))
        {
            count += PartitionOf(hash, partitionCount) == partition ? 1 : 0;
        }
        return count;
    }

    /// <summary>
    /// Gathers into <paramref name="rows"/> (and their hashes into <paramref name="rowHashes"/>, as long) the next rows, from
    /// <paramref name="next"/> on and below <paramref name="rowCount"/>, whose hashes belong to <paramref name="partition"/>, as
    /// many as fit; moves <paramref name="next"/> past the rows looked at and returns how many were gathered. Without a branch
    /// on the partition: a row is written either way and kept by counting it, because half the rows falling in a partition at
    /// random is a branch the processor guesses wrong every other row, which made matching on two threads take 31 ms where one
    /// took 38 (1,000,000 rows a side).
    /// </summary>
    public static int Gather(ulong[] hashes, int rowCount, int partition, int partitionCount, ref int next, Span<int> rows, Span<ulong> rowHashes)
    {
        var gathered = 0;
        var row = next;
        for (; row < rowCount && gathered < rows.Length; row++)
        {
            var hash = hashes[row];
            rows[gathered] = row;
            rowHashes[gathered] = hash;
            gathered += PartitionOf(hash, partitionCount) == partition ? 1 : 0;
        }
        next = row;
        return gathered;
    }

    /// <summary>The partition a hash belongs to, from its high bits (the low bits pick hash-table slots).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PartitionOf(ulong hash, int partitionCount) => (int)(((hash >> 32) * (ulong)partitionCount) >> 32);
}
