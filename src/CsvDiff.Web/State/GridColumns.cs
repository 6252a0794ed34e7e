// How wide each column of the result grid starts: sized to its content (a changed cell counts old → new), within bounds, so
// that short values do not waste the screen and long ones wrap rather than hide behind an ellipsis.
using CsvDiff.Rendering;

namespace CsvDiff.Web.State;

public static class GridColumns
{
    // The grid's font is 13 px monospace: a character is about 7.8 px wide; a cell has 8 px of padding either side.
    private const double CharacterPixels = 7.8;
    private const int PaddingPixels = 18;
    public const int MinPixels = 64;
    public const int MaxPixels = 380;
    // Widths come from the first rows: enough to see what a column holds, cheap on a million rows.
    private const int RowsLookedAt = 500;

    /// <summary>A starting width in pixels for each column of <paramref name="layout"/>.</summary>
    public static int[] Widths(HighlighterTable layout, IReadOnlyList<RowDiff> rows)
    {
        // Each cell is measured from the value HighlighterTable.DataRow would show, without laying the row out: that built a
        // row of cells and their text for every row looked at, about 20-40 ms in the browser before the counts show.
        var slots = layout.Columns;
        var longest = slots.Select(c => c.Name.Length + 2).ToArray();
        // Past this many characters a column is as wide as it gets.
        var widest = (int)((MaxPixels - PaddingPixels) / CharacterPixels) + 1;
        for (var r = 0; r < Math.Min(rows.Count, RowsLookedAt); r++)
        {
            var row = rows[r];
            for (var i = 0; i < longest.Length; i++)
            {
                if (longest[i] >= widest)
                {
                    continue;
                }
                // A changed cell shows "old → new". No line of a text is longer than the text, so a text no longer than the
                // longest so far is not measured: after the first rows, most are not.
                if (HighlighterTable.ChangeShown(slots[i], row) is { } change)
                {
                    if (change.OldValue.Length + change.NewValue.Length + 3 > longest[i])
                    {
                        longest[i] = Math.Max(longest[i], LongestLine(change.OldValue) + LongestLine(change.NewValue) + 3);
                    }
                }
                else if (HighlighterTable.ValueShown(slots[i], row) is var value && value.Length > longest[i])
                {
                    longest[i] = Math.Max(longest[i], LongestLine(value));
                }
            }
        }
        return longest.Select(n => Math.Clamp((int)Math.Ceiling(n * CharacterPixels) + PaddingPixels, MinPixels, MaxPixels)).ToArray();
    }

    private static int LongestLine(string text)
    {
        var longest = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            longest = Math.Max(longest, line.Length);
        }
        return longest;
    }

    /// <summary>The text as shown in a cell: every line break (\n, \r\n or \r) marked with ↵, so that a change on a later line is seen.</summary>
    public static string Marked(string text)
    {
        if (text.AsSpan().IndexOfAny('\r', '\n') < 0)
        {
            return text;
        }
        var marked = new System.Text.StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                marked.Append("↵\n");
                i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
            }
            else
            {
                marked.Append(text[i]);
            }
        }
        return marked.ToString();
    }
}

/// <summary>
/// A visible column of the result grid as its cells render it: its index in the layout, and the class and style strings its
/// cells carry, made once per result rather than once per cell.
/// </summary>
public sealed record GridColumn(int Index, string Name, string Class, string ChangedClass, string Style);
