// A row kept as one string must give back every cell (as a string, or in place as a span) as a string a cell would: quoted,
// escaped, not ASCII, empty, missing at the end of a short row, and longer than the stack buffer the cells are decoded into.
using CsCheck;
using CsvDiff.Reading;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Reading;

public class RowCellsTests
{
    private static readonly Gen<string> Cell = Gen.OneOf(Gen.Const(""), Gen.Const("\"q\"\"uoted\""), Gen.Const("a,b"), Gen.Const("line\r\nbreak"),
        Gen.Const("Zoë 東京 😀"), Gen.String[Gen.Char['a', 'z'], 0, 12], Gen.String[Gen.Char['a', 'z'], 200, 700]);

    [Fact]
    public void A_rows_cells_read_as_one_string_equal_its_cells_read_one_by_one()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[0, 8]).SelectMany((width, count) =>
            Gen.Select(Cell.Array[width], Gen.Int[0, width - 1], Gen.Bool).Array[count].Select(rows => (width, rows))).Sample(sample =>
        {
            var (width, rows) = sample;
            var header = Enumerable.Range(1, width).Select(i => $"c{i}").ToArray();
            // Some rows cut short by `missing` cells: a ragged row's columns past its end are empty.
            var records = rows.Select(row => row.Item3 ? row.Item1[..(width - row.Item2)] : row.Item1).ToArray();
            var table = TableReader.Read(CsvText.Input("t.csv", CsvText.Write([header, .. records])),
                new CsvFormat { AllowRagged = true, Delimiter = ',' }, null, default);
            var fields = new FieldList();
            var scratch = new byte[4];
            for (var row = 0; row < table.RowCount; row++)
            {
                var cells = table.GetRow(row, fields, ref scratch);
                var values = table.GetRowValues(row, fields, ref scratch);
                Assert.IsType<RowCells>(cells);
                Assert.Equal(width, cells.Count);
                Assert.Equal(values, cells);
                Assert.Equal(values, Enumerable.Range(0, width).Select(column => cells[column]));
                // Compared in place: the span over the row's text is the cell, as it is over a cell's own string.
                Assert.Equal(values, Enumerable.Range(0, width).Select(column => RowCells.Cell(cells, column).ToString()));
                Assert.Equal(values, Enumerable.Range(0, width).Select(column => RowCells.Cell(values, column).ToString()));
            }
        });
    }
}
