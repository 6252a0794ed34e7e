// Inputs at the edges of size and shape: each ends in a correct diff or a located error, in bounded memory.
using System.Text;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Reading;

public class ExtremeInputTests
{
    private static DiffResult Diff(string left, string right, DiffOptions? options = null) =>
        TableDiff.Compare(CsvText.Input("left.csv", left), CsvText.Input("right.csv", right), options ?? new DiffOptions { Key = ["id"] });

    [Fact]
    public void When_both_tables_are_bad_the_left_ones_error_is_reported_however_they_are_read()
    {
        var left = new TableInput("left.csv", System.Text.Encoding.UTF8.GetBytes("id,v\n1,\"open\n"));
        var right = new TableInput("right.csv", System.Text.Encoding.UTF8.GetBytes("id,v\n1,a,b\n"));
        foreach (var execution in Executions.Partitioned().Append(Executions.Sequential))
        {
            var error = Assert.Throws<CsvDiffException>(() => TableDiff.Compare(left, right, new DiffOptions(), execution));
            Assert.Equal("left.csv", error.Input);
        }
    }

    [Fact]
    public void A_100_MB_field_is_compared_like_any_other()
    {
        var big = new string('x', 100 * 1024 * 1024);
        var result = Diff($"id,v\n1,\"{big}\"\n2,a\n", $"id,v\n1,\"{big}y\"\n2,a\n");
        var change = Assert.Single(Assert.Single(result.Rows).Changes);
        Assert.Equal(big.Length + 1, change.NewValue.Length);
        Assert.Equal(1, result.Summary.Unchanged);
    }

    [Fact]
    public void A_50_MB_line_without_a_line_break_is_one_record()
    {
        var line = new string('y', 50 * 1024 * 1024);
        var result = Diff($"id,v\n1,{line}", $"id,v\n1,{line}");
        Assert.False(result.HasDifferences);
        Assert.Equal(1, result.Summary.Unchanged);
    }

    [Fact]
    public void Ten_thousand_columns_diff_cell_by_cell()
    {
        string Table(int changedRow)
        {
            var text = new StringBuilder("id");
            for (var c = 1; c < 10_000; c++)
            {
                text.Append(",c").Append(c);
            }
            text.Append('\n');
            for (var r = 0; r < 20; r++)
            {
                text.Append(r);
                for (var c = 1; c < 10_000; c++)
                {
                    text.Append(',').Append(r == changedRow && c == 9_999 ? "changed" : "v");
                }
                text.Append('\n');
            }
            return text.ToString();
        }
        var result = Diff(Table(-1), Table(7));
        var row = Assert.Single(result.Rows);
        Assert.Equal(("c9999", "v", "changed"), (row.Changes[0].Column, row.Changes[0].OldValue, row.Changes[0].NewValue));
    }

    [Fact]
    public void Thousands_of_removed_and_added_columns_skip_renames_and_say_so()
    {
        var left = "id," + string.Join(",", Enumerable.Range(0, 5_000).Select(i => $"a{i}")) + "\n1," + string.Join(",", Enumerable.Repeat("x", 5_000)) + "\n";
        var right = "id," + string.Join(",", Enumerable.Range(0, 5_000).Select(i => $"b{i}")) + "\n1," + string.Join(",", Enumerable.Repeat("x", 5_000)) + "\n";
        var result = Diff(left, right);
        Assert.Empty(result.Columns.Renamed);
        Assert.Equal(5_000, result.Columns.Added.Count);
        Assert.Contains(result.Notices, n => n.Contains("too many pairs to look for renames", StringComparison.Ordinal));
    }

    [Fact]
    public void Mixed_line_endings_in_one_file_read_as_records()
    {
        var result = Diff("id,v\r\n1,a\n2,b\r3,c\r\n", "id,v\n1,a\n2,b\n3,d\n");
        var row = Assert.Single(result.Rows);
        Assert.Equal(("3", 4, 4), (row.Key[0], row.LeftLine, row.RightLine));
    }
}
