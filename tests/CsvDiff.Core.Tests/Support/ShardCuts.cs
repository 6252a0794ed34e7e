// Where the tests cut inputs for sharded diffs: where the viewer would, and at any line break, quoted or not.
namespace CsvDiff.Tests.Support;

/// <summary>Where the viewer cuts an input: after a line break outside quotes, counting quotes from the start.</summary>
internal static class ShardCuts
{
    /// <summary>Up to <paramref name="count"/> - 1 cuts after the header, at or after evenly spaced targets.</summary>
    public static int[] Even(ReadOnlySpan<byte> bytes, int count)
    {
        var length = (long)bytes.Length;
        return AfterTargets(bytes, Enumerable.Range(1, count - 1).Select(i => (int)(length * i / count)));
    }

    /// <summary>Cuts after line breaks at or after the given targets, quotes counted; none inside the header.</summary>
    public static int[] AfterTargets(ReadOnlySpan<byte> bytes, IEnumerable<int> targets)
    {
        var headerEnd = TableSniffer.HeaderEnd(bytes);
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
        var headerEnd = TableSniffer.HeaderEnd(bytes);
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
