// Which left row is paired with which right row: the output of row alignment.
using CsvDiff.Internals;

namespace CsvDiff.Alignment;

internal sealed class RowMatching
{
    public RowMatching(int leftCount, int rightCount)
    {
        LeftToRight = new int[leftCount];
        RightToLeft = new int[rightCount];
        LeftToRight.AsSpan().Fill(-1);
        RightToLeft.AsSpan().Fill(-1);
    }

    /// <summary>
    /// As <see cref="RowMatching(int, int)"/>, filled in row ranges on <paramref name="runner"/>: the first writes to fresh
    /// memory are page faults, 4 ms on one thread for two 1,000,000-row sides, which the pairing that follows waited for.
    /// </summary>
    public RowMatching(int leftCount, int rightCount, PartitionRunner runner)
    {
        (LeftToRight, RightToLeft) = (GC.AllocateUninitializedArray<int>(leftCount), GC.AllocateUninitializedArray<int>(rightCount));
        var partitions = runner.RowPartitions(Math.Max(leftCount, rightCount));
        runner.Run(partitions, partition =>
        {
            Unpaired(LeftToRight, partition, partitions);
            Unpaired(RightToLeft, partition, partitions);
        });
    }

    private static void Unpaired(int[] partners, int partition, int partitions)
    {
        var (start, end) = PartitionRunner.Range(partners.Length, partition, partitions);
        partners.AsSpan(start, end - start).Fill(-1);
    }

    /// <summary>For each left row, its right partner or -1.</summary>
    public int[] LeftToRight { get; }

    /// <summary>For each right row, its left partner or -1.</summary>
    public int[] RightToLeft { get; }

    public void Pair(int left, int right)
    {
        LeftToRight[left] = right;
        RightToLeft[right] = left;
    }

    /// <summary>Pairs <paramref name="lefts"/>[i] with <paramref name="rights"/>[i] for every i.</summary>
    public void PairAll(int[] lefts, int[] rights)
    {
        var (leftToRight, rightToLeft) = (LeftToRight, RightToLeft);
        for (var i = 0; i < lefts.Length; i++)
        {
            leftToRight[lefts[i]] = rights[i];
            rightToLeft[rights[i]] = lefts[i];
        }
    }

    public void Unpair(int left, int right)
    {
        LeftToRight[left] = -1;
        RightToLeft[right] = -1;
    }

    public List<int> UnmatchedLeft() => Unmatched(LeftToRight);

    public List<int> UnmatchedRight() => Unmatched(RightToLeft);

    private static List<int> Unmatched(int[] partners)
    {
        var rows = new List<int>();
        for (var i = 0; i < partners.Length; i++)
        {
            if (partners[i] < 0)
            {
                rows.Add(i);
            }
        }
        return rows;
    }
}
