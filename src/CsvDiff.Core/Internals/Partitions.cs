// How the engine cuts row ranges and hash spaces into partitions, so every stage splits work the same way.
using System.Runtime.CompilerServices;

namespace CsvDiff.Internals;

internal static class Partitions
{
    // Below this many rows a partition costs more to schedule than it saves.
    private const int MinimumRowsPerPartition = 8192;

    /// <summary>How many row-range partitions to cut <paramref name="rows"/> into: a few per worker, for balance.</summary>
    public static int ForRows(int rows, IPartitionScheduler scheduler) =>
        Math.Clamp(rows / MinimumRowsPerPartition, 1, scheduler.Parallelism * 4);

    public static (int Start, int End) Range(int rows, int partition, int partitionCount) =>
        ((int)((long)rows * partition / partitionCount), (int)((long)rows * (partition + 1) / partitionCount));

    /// <summary>The partition a hash belongs to, from its high bits (the low bits pick hash-table slots).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int OfHash(ulong hash, int partitionCount) => (int)(((hash >> 32) * (ulong)partitionCount) >> 32);

    public static int ForHashes(int rows, IPartitionScheduler scheduler) =>
        scheduler.Parallelism == 1 ? 1 : Math.Clamp(rows / MinimumRowsPerPartition, 1, scheduler.Parallelism * 2);
}
