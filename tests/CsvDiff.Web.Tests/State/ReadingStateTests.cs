// What the result's reading aids compute without rendering: download names, column widths, marked line breaks, the
// per-column change counts and their filter, and the memory figures behind a refusal.
using CsvDiff.Rendering;
using CsvDiff.Web.State;

namespace CsvDiff.Web.Tests.State;

public class ReadingStateTests
{
    [Theory]
    [InlineData("jan.csv", "feb.csv", OutputFormat.Json, "jan-vs-feb.diff.json")]
    [InlineData("exports/jan.csv.gz", "feb.tsv", OutputFormat.Highlighter, "jan-vs-feb.diff.csv")]
    [InlineData("C:\\data\\old.csv", "new.txt", OutputFormat.Html, "old-vs-new.diff.html")]
    [InlineData("pasted-left.csv", "pasted-right.csv", OutputFormat.Json, "pasted-left-vs-pasted-right.diff.json")]
    [InlineData("a:b?.csv", "c.csv", OutputFormat.Json, "a_b_-vs-c.diff.json")]
    [InlineData("jan-vs-feb.diff.json", null, OutputFormat.Html, "jan-vs-feb.diff.html")]
    [InlineData(null, null, OutputFormat.Json, "csvdiff.diff.json")]
    [InlineData(".csv", "  ", OutputFormat.Json, "csvdiff.diff.json")]
    public void Downloads_are_named_after_the_inputs(string? left, string? right, OutputFormat format, string expected) =>
        Assert.Equal(expected, DownloadName.For(left, right, format));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\nb", "a↵\nb")]
    [InlineData("a\r\nb", "a↵\nb")]
    [InlineData("a\rb\n", "a↵\nb↵\n")]
    [InlineData("\n\n", "↵\n↵\n")]
    [InlineData("", "")]
    public void Line_breaks_are_marked_so_a_later_line_shows(string text, string expected) => Assert.Equal(expected, GridColumns.Marked(text));

    [Fact]
    public void Columns_start_as_wide_as_their_content_within_bounds()
    {
        var result = TableDiff.Compare(new TableInput("l.csv", "id,note,long\n1,a,x\n"u8.ToArray()),
            new TableInput("r.csv", ("id,note,long\n1,b," + new string('y', 200) + "\n").Select(c => (byte)c).ToArray()), new DiffOptions { Key = ["id"] });
        var view = new ResultView(result);
        var widths = GridColumns.Widths(view.Layout, view.Rows);
        Assert.Equal(GridColumns.MinPixels, widths[0]);
        // "a → b" is five characters: more than the header "note", less than the cap.
        Assert.InRange(widths[1], GridColumns.MinPixels, 100);
        Assert.Equal(GridColumns.MaxPixels, widths[2]);
    }

    [Fact]
    public void Widths_measure_each_cell_as_the_laid_out_row_shows_it()
    {
        // Random tables and edits: changed, added and removed rows, a column renamed, one dropped and one added, values long,
        // short, empty, on several lines and past the widest a column gets, keyed and by content.
        string[] values = ["", "a", "Kraków", "line one\nline two", "a much longer value than the header", "x->y", "42", new string('w', 60),
            "short\n" + new string('v', 55)];
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            string Value() => values[random.Next(values.Length)];
            string Row(int id, int cells) => string.Join(',', [id.ToString(), .. Enumerable.Range(0, cells).Select(_ => $"\"{Value()}\"")]);
            var rows = random.Next(1, 12);
            var left = "id,a,b,c,g\n" + string.Concat(Enumerable.Range(0, rows).Select(i => Row(i, 4) + "\n"));
            var right = "id,a,bee,c,n\n" + string.Concat(Enumerable.Range(0, rows + 2).Where(_ => random.Next(4) > 0)
                .Select(i => Row(i, 4) + "\n"));
            var options = random.Next(2) == 0 ? new DiffOptions { Key = ["id"], IncludeUnchanged = true } : new DiffOptions { IncludeUnchanged = true };
            var view = new ResultView(Examples.Diff(left, right, options));
            Assert.Equal(WidthsOfLaidOutRows(view.Layout, view.Rows), GridColumns.Widths(view.Layout, view.Rows));
        }
    }

    // The widths as first computed: from each row laid out in full, the longest line of each cell's text.
    private static int[] WidthsOfLaidOutRows(HighlighterTable layout, IReadOnlyList<RowDiff> rows)
    {
        static int Longest(string text) => text.Split('\n').Max(line => line.TrimEnd('\r').Length);
        var longest = layout.Columns.Select(c => c.Name.Length + 2).ToArray();
        foreach (var cells in rows.Take(500).Select(row => layout.DataRow(row).Cells))
        {
            for (var i = 0; i < cells.Count; i++)
            {
                longest[i] = Math.Max(longest[i], cells[i].Kind == CellKind.Changed
                    ? Longest(cells[i].OldValue!) + Longest(cells[i].NewValue!) + 3
                    : Longest(cells[i].Text));
            }
        }
        return longest.Select(n => Math.Clamp((int)Math.Ceiling(n * 7.8) + 18, GridColumns.MinPixels, GridColumns.MaxPixels)).ToArray();
    }

    [Fact]
    public void Changed_cells_are_counted_by_column_and_a_column_filters_the_rows()
    {
        var view = new ResultView(Examples.Customers());
        Assert.Equal([("city", 1), ("amount", 1)], view.ColumnChanges);
        view.ToggleColumnFilter("amount");
        Assert.Equal(["4"], view.Rows.Select(r => r.Key[0]));
        view.ToggleColumnFilter("amount");
        Assert.Equal(5, view.Rows.Count);
        view.ToggleColumnFilter("city");
        view.ShowAllTypes();
        Assert.Null(view.ColumnFilter);
        Assert.False(view.Identical);
    }

    [Fact]
    public void Identical_files_are_said_to_be_so()
    {
        var same = "id,name\n1,a\n"u8.ToArray();
        Assert.True(new ResultView(TableDiff.Compare(new TableInput("a.csv", same), new TableInput("b.csv", same), new DiffOptions())).Identical);
    }

    [Theory]
    [InlineData(50L << 20, false, false)]
    [InlineData(50L << 20, true, false)]
    [InlineData(150L << 20, false, false)]
    [InlineData(150L << 20, true, true)]
    public void Listing_every_row_needs_far_more_memory_than_the_inputs(long bytes, bool listsEveryRow, bool refused)
    {
        var problem = BrowserMemory.Problem(bytes, 1, listsEveryRow);
        Assert.Equal(refused, problem is not null);
        if (problem is not null)
        {
            Assert.Contains("to list every row", problem, StringComparison.Ordinal);
            Assert.Contains("include unchanged rows", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Too_many_rows_names_the_figures_and_what_to_do()
    {
        var message = BrowserMemory.TooManyRows(2_000_123, 1_000_000, listsEveryRow: true);
        Assert.Contains("2,000,123 rows", message, StringComparison.Ordinal);
        Assert.Contains("1,000,000", message, StringComparison.Ordinal);
        Assert.Contains("include unchanged rows", message, StringComparison.Ordinal);
        Assert.Contains("csvdiff command line", BrowserMemory.TooManyRows(2_000_123, 1_000_000, listsEveryRow: false), StringComparison.Ordinal);
    }
}
