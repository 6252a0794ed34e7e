// Without a key, the row hash alone pairs rows: records with equal cells must share it however they are quoted, and
// records with different cells must not, whichever way (the record as read, its leading part, cell by cell) it is taken.
using System.Text;
using CsCheck;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;
using CsvDiff.Reading;

namespace CsvDiff.Tests.Fingerprinting;

public class CanonicalRecordHashTests
{
    private static readonly PartitionRunner Sequential = new(SequentialScheduler.Instance, 1, CancellationToken.None);
    private static readonly ValueNormalizer Exact = new(ValueComparison.Exact);

    // Cells made of the pieces that matter to CSV and to the written-out form: delimiters, quotes, line breaks.
    private static readonly Gen<string> Cell = Gen.OneOf("a", "b", ",", "\"", "\n", "\r\n", "\r", " ", "é", ";").Array[0, 4]
        .Select(pieces => string.Concat(pieces));

    // A row's cells, each written quoted when it must be and, by the coin given, sometimes when it need not be. A quote
    // inside a cell needs none unless it comes first: read unquoted, it is an ordinary character.
    private static string Record(IReadOnlyList<string> cells, uint coins, char delimiter = ',')
    {
        var text = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(delimiter);
            }
            var cell = cells[i];
            var mustQuote = cell.Length == 0 && cells.Count == 1 || cell.StartsWith('"') || cell.IndexOfAny([delimiter, '\n', '\r']) >= 0;
            var quote = mustQuote || (coins >> (i % 32) & 1) == 1;
            text.Append(quote ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
        }
        return text.ToString();
    }

    private static CsvTable Table(IReadOnlyList<string> header, IEnumerable<string> records, char delimiter = ',', string newLine = "\n") =>
        TableReader.Read(new TableInput("t.csv", Encoding.UTF8.GetBytes(string.Join(newLine, [Record(header, 0, delimiter), .. records]) + newLine)),
            new CsvFormat { Delimiter = delimiter, AllowRagged = true }, null, CancellationToken.None);

    private static ulong[] Hashes(CsvTable table, int[] columns, RowHashForm form = RowHashForm.CanonicalRecord, ValueNormalizer? normalizer = null) =>
        RowFingerprints.Compute(table, columns, [], normalizer ?? Exact, Sequential, form).Exact().RowHashes;

    // The same hashes taken while the table is read, when the reader lists only the fields the hashes need.
    private static ulong[] HashesWhileReading(CsvTable table, int[] columns)
    {
        var builder = new RowFingerprints.Builder(columns, [], Exact, RowHashForm.CanonicalRecord);
        var again = TableReader.Read(new TableInput("t.csv", table.Data.ToArray()), new CsvFormat { Delimiter = (char)table.Tokenizer.Delimiter, AllowRagged = true },
            null, CancellationToken.None, builder);
        return builder.Build(again.RowCount).Exact().RowHashes;
    }

    [Fact]
    public void Rows_share_a_hash_exactly_when_their_cells_are_equal_however_they_are_quoted()
    {
        var rows = Gen.Int[2, 4].SelectMany(width => Cell.Array[width].List[1, 8].Select(list => (width, list)));
        Gen.Select(rows, Gen.UInt, Gen.UInt, Gen.Bool).Sample((table, leftCoins, rightCoins, crlf) =>
        {
            var (width, cells) = table;
            var header = Enumerable.Range(1, width).Select(i => $"c{i}").ToArray();
            // The right table holds every left row in another quoting, and each row changed in one cell.
            var rightCells = cells.Concat(cells.Select((row, r) => row.Select((cell, c) => c == r % width ? cell + "x" : cell).ToArray())).ToList();
            var left = Table(header, cells.Select((row, r) => Record(row, leftCoins + (uint)r)), newLine: crlf ? "\r\n" : "\n");
            var right = Table(header, rightCells.Select((row, r) => Record(row, rightCoins * 7 + (uint)r)));
            var columns = Enumerable.Range(0, width).ToArray();
            var leftHashes = Hashes(left, columns);
            var rightHashes = Hashes(right, columns);
            Assert.Equal(leftHashes, HashesWhileReading(left, columns));
            Assert.Equal(rightHashes, HashesWhileReading(right, columns));
            for (var l = 0; l < cells.Count; l++)
            {
                for (var r = 0; r < rightCells.Count; r++)
                {
                    Assert.Equal(cells[l].SequenceEqual(rightCells[r]), leftHashes[l] == rightHashes[r]);
                }
            }
        }, seed: new PCG(88, 20261202).ToString(), iter: 3_000, threads: 1);
    }

    [Theory]
    // A delimiter or a line break moved across a cell boundary gives other cells from the same characters.
    [InlineData("\"a,b\",c", "a,\"b,c\"")]
    [InlineData("\"a\nb\",c", "a,\"\nb,c\"")]
    [InlineData("\"a\n\",b", "a,\"\n,b\"")]
    [InlineData("\"a\"\",\",b", "\"a\"\"\",\",b\"")]
    [InlineData("a,\"b,\"", "\"a,b\",")]
    public void Cells_that_read_alike_when_joined_get_different_hashes(string left, string right)
    {
        var leftTable = Table(["x", "y"], [left]);
        var rightTable = Table(["x", "y"], [right]);
        var scratch = new byte[16];
        Assert.Equal(2, leftTable.GetRowValues(0, new FieldList(), ref scratch).Length);
        Assert.NotEqual(Hashes(leftTable, [0, 1]), Hashes(rightTable, [0, 1]));
    }

    [Fact]
    public void Reordered_left_out_and_padded_columns_hash_as_the_cells_written_out_do()
    {
        // Rows of one table: plain, quoted, with a trailing column the comparison leaves out, and ragged ones.
        var plain = Table(["a", "b", "c"], ["1,x y,\"p,q\"", "2,\"z\",", "3,w"]);
        var swapped = Table(["b", "a", "c", "extra"], ["x y,1,\"p,q\",e", "\"z\",\"2\",,e", "w,3,,e"]);
        var widened = Table(["a", "b", "c", "extra"], ["1,x y,\"p,q\",e", "\"2\",z,,\"e\"", "3,w,,e"]);
        var expected = Hashes(plain, [0, 1, 2]);
        Assert.Equal(expected, Hashes(swapped, [1, 0, 2]));
        Assert.Equal(expected, Hashes(widened, [0, 1, 2]));
        Assert.Equal(expected, HashesWhileReading(plain, [0, 1, 2]));
        Assert.Equal(expected, HashesWhileReading(widened, [0, 1, 2]));
        Assert.Equal(expected, HashesWhileReading(swapped, [1, 0, 2]));
    }

    [Fact]
    public void Value_options_hash_the_canonical_values()
    {
        var ignoreCase = new ValueNormalizer(new ValueComparison { IgnoreCase = true, Trim = true });
        var lower = Table(["a", "b"], ["abc, d e ", "\"x,y\",z"]);
        var upper = Table(["a", "b"], ["ABC,D E", "X,\"Y,z\""]);
        Assert.Equal(Hashes(lower, [0, 1], normalizer: ignoreCase)[0], Hashes(upper, [0, 1], normalizer: ignoreCase)[0]);
        Assert.NotEqual(Hashes(lower, [0, 1], normalizer: ignoreCase)[1], Hashes(upper, [0, 1], normalizer: ignoreCase)[1]);
        Assert.NotEqual(Hashes(lower, [0, 1])[0], Hashes(upper, [0, 1])[0]);
    }

    [Fact]
    public void Tables_with_another_delimiter_hash_alike_among_themselves()
    {
        var semicolons = Table(["a", "b"], ["1;\"x;y\"", "2;\"p,q\""], delimiter: ';');
        var again = Table(["a", "b"], ["\"1\";x;y", "2;p,q"], delimiter: ';');
        var hashes = Hashes(semicolons, [0, 1]);
        // "x;y" quoted against x and y unquoted: other cells, so another hash; "p,q" needs no quotes with ';'.
        Assert.NotEqual(hashes[0], Hashes(again, [0, 1])[0]);
        Assert.Equal(hashes[1], Hashes(again, [0, 1])[1]);
    }
}
