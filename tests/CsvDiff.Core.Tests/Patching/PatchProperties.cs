// patch(a, diff(a, b)) = b: random tables, random row and column edits, keyed and by content, through highlighter CSV and JSON.
using CsCheck;
using CsvDiff.Patching;
using CsvDiff.Rendering;
using CsvDiff.Tests.Properties;
using CsvDiff.Tests.Support;
using CsvDiff.Writing;

namespace CsvDiff.Tests.Patching;

/// <summary>A table and an edited copy of it: rows removed, changed, inserted and moved; columns added, removed, renamed, swapped.</summary>
internal sealed record PatchScenario(bool Keyed, string[] LeftHeader, List<string[]> Left, string[] RightHeader, List<string[]> Right, CsvStyle Style)
{
    public TableInput LeftInput => CsvText.Input("a.csv", CsvText.Write(LeftHeader, Left, Style), Style.Bom);

    public TableInput RightInput => CsvText.Input("b.csv", CsvText.Write(RightHeader, Right, Style), Style.Bom);

    public override string ToString() => $"keyed: {Keyed}\na:\n{CsvText.Write(LeftHeader, Left, Style)}\nb:\n{CsvText.Write(RightHeader, Right, Style)}";
}

public class PatchProperties
{
    private static readonly Gen<CsvStyle> Style = Gen.Select(Gen.Bool, Gen.Bool, Gen.OneOf(',', ';', '\t'),
        (crlf, quoteAll, delimiter) => new CsvStyle(delimiter, crlf ? "\r\n" : "\n", quoteAll));

    private static readonly Gen<PatchScenario> Scenario =
        from keyed in Gen.Bool
        from dataColumns in Gen.Int[1, 4]
        from rowCount in Gen.Int[0, 25]
        from cells in Scenarios.Cell.Array[dataColumns + 2].Array[rowCount + 6]
        from edits in Gen.Int[0, 9].Array[rowCount]
        from changed in Gen.Int[0, dataColumns - 1].Array[rowCount]
        from insertAt in Gen.Int[0, rowCount].Array[0, 5]
        from addColumns in Gen.Int[0, 2]
        from removeColumn in Gen.Bool
        from renameColumn in Gen.Bool
        from swapColumns in Gen.Bool
        from moves in Gen.Int[0, rowCount + 5].Array[0, 4]
        from style in Style
        select Build(keyed, dataColumns, cells, edits, changed, insertAt, addColumns, removeColumn, renameColumn, swapColumns, moves, style);

    private static PatchScenario Build(bool keyed, int dataColumns, string[][] cells, int[] edits, int[] changed, int[] insertAt,
        int addColumns, bool removeColumn, bool renameColumn, bool swapColumns, int[] moves, CsvStyle style)
    {
        // By content, rows are told apart by words no other row has, so that which row an edit touched is never in doubt.
        string Cell(int row, int column) => keyed ? cells[row][column] : $"w{row}x{column} {cells[row][column]}";
        var rows = edits.Length;
        string[] leftHeader = ["id", .. Enumerable.Range(1, dataColumns).Select(c => $"c{c}")];
        var left = Enumerable.Range(0, rows).Select(r => (string[])[$"k{r}", .. Enumerable.Range(0, dataColumns).Select(c => Cell(r, c))]).ToList();

        // Rows first, over the left columns; then the columns of every row at once.
        var right = new List<string[]>();
        for (var r = 0; r < rows; r++)
        {
            if (edits[r] == 0)
            {
                continue;
            }
            var row = (string[])left[r].Clone();
            if (edits[r] <= 2)
            {
                row[changed[r] + 1] = keyed ? cells[r][dataColumns] : row[changed[r] + 1] + " changed";
            }
            right.Add(row);
        }
        for (var i = 0; i < insertAt.Length; i++)
        {
            right.Insert(Math.Min(insertAt[i], right.Count), [$"new{i}", .. Enumerable.Range(0, dataColumns).Select(c => Cell(rows + i, c))]);
        }
        // Each move takes a row out and puts it back at the top: rows leave the order the others keep.
        foreach (var move in moves.Where(_ => right.Count > 1))
        {
            var row = right[move % right.Count];
            right.Remove(row);
            right.Insert(0, row);
        }
        var columns = Enumerable.Range(0, leftHeader.Length).ToList();
        var names = leftHeader.ToList();
        if (removeColumn && dataColumns > 1)
        {
            columns.RemoveAt(dataColumns);
            names.RemoveAt(dataColumns);
        }
        if (renameColumn)
        {
            names[1] = "renamed " + names[1];
        }
        if (swapColumns && columns.Count > 2)
        {
            (columns[1], columns[2]) = (columns[2], columns[1]);
            (names[1], names[2]) = (names[2], names[1]);
        }
        var projected = right.Select((row, i) => (string[])[
            .. columns.Select(c => row[c]),
            .. Enumerable.Range(0, addColumns).Select(a => cells[i % cells.Length][dataColumns + 1 - a])]).ToList();
        string[] rightHeader = [.. names, .. Enumerable.Range(1, addColumns).Select(a => $"added{a}")];
        return new PatchScenario(keyed, leftHeader, left, rightHeader, projected, style);
    }

    [Theory]
    [InlineData(OutputFormat.Highlighter)]
    [InlineData(OutputFormat.Json)]
    public void Patching_a_table_with_its_diff_gives_the_other_table(OutputFormat format) =>
        Scenario.Array[300].Sample(all =>
        {
            foreach (var scenario in all)
            {
                var options = new DiffOptions { Key = scenario.Keyed ? ["id"] : [], PatchContext = true };
                var diff = TableDiff.Compare(scenario.LeftInput, scenario.RightInput, options);
                var written = DiffWriters.WriteToString(diff, format);
                var patched = TablePatch.Apply(scenario.LeftInput, CsvText.Input("diff", written), new CsvFormat());

                var expected = CsvDocument.Read(scenario.RightInput, new CsvFormat());
                Assert.Equal(expected.Columns, patched.Columns);
                Assert.Equal(expected.Rows, patched.Rows);
            }
        }, seed: new PCG(7, 20261202).ToString(), iter: 1, threads: 1);

    [Fact]
    public void A_highlighter_diff_read_back_renders_as_it_was_written() =>
        Scenario.Array[150].Sample(all =>
        {
            foreach (var scenario in all)
            {
                var options = new DiffOptions { Key = scenario.Keyed ? ["id"] : [], PatchContext = true };
                var written = DiffWriters.WriteToString(TableDiff.Compare(scenario.LeftInput, scenario.RightInput, options), OutputFormat.Highlighter);
                var read = DiffFile.Read(CsvText.Input("diff.csv", written));
                Assert.Equal(written, DiffWriters.WriteToString(read, OutputFormat.Highlighter));
            }
        }, seed: new PCG(8, 20261202).ToString(), iter: 1, threads: 1);
}
