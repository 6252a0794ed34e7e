// Word-level change segments for one modified cell: the longest common run of words kept, the rest deleted or inserted.
using CsvDiff.Comparison;

namespace CsvDiff;

/// <summary>Splits an old and a new value into the words they share and the words deleted or inserted.</summary>
public static class WordDiff
{
    // Past this many word pairs the quadratic table costs more than a reader gains; the whole value is shown replaced.
    private const int MaxTableCells = 250_000;

    /// <summary>The segments, in order: concatenating Equal and Deleted gives <paramref name="oldValue"/>, Equal and Inserted <paramref name="newValue"/>.</summary>
    public static IReadOnlyList<TextSegment> Segments(string oldValue, string newValue)
    {
        var a = WordSplitter.Tokens(oldValue);
        var b = WordSplitter.Tokens(newValue);
        var segments = new List<TextSegment>();
        if ((long)a.Count * b.Count > MaxTableCells)
        {
            Append(segments, SegmentKind.Deleted, oldValue);
            Append(segments, SegmentKind.Inserted, newValue);
            return segments;
        }
        // lcs[i, j] is the length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && a[x] == b[y])
            {
                Append(segments, SegmentKind.Equal, a[x++]);
                y++;
            }
            else if (y == b.Count || (x < a.Count && lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                Append(segments, SegmentKind.Deleted, a[x++]);
            }
            else
            {
                Append(segments, SegmentKind.Inserted, b[y++]);
            }
        }
        return segments;
    }

    private static void Append(List<TextSegment> segments, SegmentKind kind, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (segments.Count > 0 && segments[^1].Kind == kind)
        {
            segments[^1] = new TextSegment(kind, segments[^1].Text + text);
        }
        else
        {
            segments.Add(new TextSegment(kind, text));
        }
    }
}
