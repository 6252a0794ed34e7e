// An input read in parts, cut wherever another thread would cut it, must give the table one read of it whole gives: the same
// rows, lines, cells, notices and hashes; and an input one read cannot stream must be handed back to be read whole.
using System.Text;
using CsCheck;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;
using CsvDiff.Reading;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Reading;

public class ReadInPartsTests
{
    private static readonly ValueNormalizer Exact = new(ValueComparison.Exact);

    // Cells of the pieces that matter where a part is cut: line breaks inside quotes, and after them text that reads like a
    // record of one, two or three fields, so that a cut inside a quoted cell looks like one between records.
    private static readonly Gen<string> Cell = Gen.OneOf("a", "bb", "", ",", "\"", "\n", "\r\n", "é", "\n1\n", "\n1,1\n", "\n1,1,1\n")
        .Array[0, 3].Select(pieces => string.Concat(pieces));

    private sealed record Table(byte[] Bytes, int Width, bool AllowRagged);

    // A header and rows of `width` cells, some rows a field short or long, some blank lines, perhaps a byte that is not
    // UTF-8 or a quote never closed: inputs that read, inputs that are read whole instead, and inputs that fail.
    private static readonly Gen<Table> Tables =
        from width in Gen.Int[1, 3]
        from rows in Gen.Select(Cell.Array[width], Gen.Int[0, 19]).Array[0, 60]
        from style in Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool)
        from ragged in Gen.Bool
        from spoiler in Gen.Int[0, 9]
        select Write(width, rows, style, ragged, spoiler);

    private static Table Write(int width, (string[] Cells, int Shape)[] rows, (bool Crlf, bool Bom, bool QuoteAll, bool FinalNewLine) style,
        bool allowRagged, int spoiler)
    {
        var csvStyle = new CsvStyle(NewLine: style.Crlf ? "\r\n" : "\n", QuoteAll: style.QuoteAll, FinalNewLine: false);
        var lines = new List<string> { CsvText.Write([Enumerable.Range(1, width).Select(i => $"c{i}").ToArray()], csvStyle) };
        foreach (var (cells, shape) in rows)
        {
            // Shape 0: a field short; 1: one more; 2: a blank line before; else the row as it is.
            if (shape == 2)
            {
                lines.Add("");
            }
            lines.Add(CsvText.Write([shape switch
            {
                0 when width > 1 => cells[..^1],
                1 => [.. cells, "x"],
                _ => cells,
            }], csvStyle));
        }
        var text = string.Join(csvStyle.NewLine, lines) + (style.FinalNewLine ? csvStyle.NewLine : "") + (spoiler == 0 ? "\"never closed" : "");
        var bytes = Encoding.UTF8.GetBytes(text);
        if (spoiler == 1)
        {
            // A byte that is not UTF-8 anywhere: the input is Windows-1252, and only a read of it whole says so.
            bytes = [.. bytes[..(bytes.Length / 2)], 0xFF, .. bytes[(bytes.Length / 2)..]];
        }
        return new Table(style.Bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes, width, allowRagged);
    }

    private static void AssertSameTable(CsvTable whole, StreamedTable? parts)
    {
        Assert.NotNull(parts);
        Assert.Equal((whole.Info.Name, whole.Info.Encoding, whole.Info.Delimiter, whole.Info.HasHeader, whole.Info.RowCount),
            (parts.Info.Name, parts.Info.Encoding, parts.Info.Delimiter, parts.Info.HasHeader, parts.Info.RowCount));
        Assert.Equal(whole.Columns, parts.Info.Columns);
        Assert.Equal(whole.Notices, parts.Notices);
        var fetched = parts.Fetch(Enumerable.Range(0, whole.RowCount).ToArray(), scored: false);
        var (fields, scratch) = (new FieldList(), new byte[16]);
        for (var row = 0; row < whole.RowCount; row++)
        {
            Assert.Equal(whole.LineOf(row), fetched.LineOf(row));
            Assert.Equal(whole.GetRowValues(row, fields, ref scratch), fetched.GetRowValues(row, fields, ref scratch));
        }
    }

    private static RowFingerprints.Builder Hasher(int width) =>
        new(Enumerable.Range(0, width).ToArray(), [0], Exact, RowHashForm.RawRecord);

    [Fact]
    public void An_input_cut_into_parts_anywhere_reads_as_it_reads_whole()
    {
        var cuts = 0;
        Gen.Select(Tables, Gen.Int[1, 24], Gen.ULong).Sample((table, chunkBytes, coins) =>
        {
            var format = new CsvFormat { Delimiter = ',', AllowRagged = table.AllowRagged };
            var wholeHashes = Hasher(table.Width);
            CsvTable? whole;
            try
            {
                whole = TableReader.Read(new TableInput("t.csv", table.Bytes), format, null, CancellationToken.None, wholeHashes);
            }
            catch (CsvDiffException)
            {
                whole = null;
            }

            var opens = 0;
            var input = TableInput.FromStream("t.csv", () =>
            {
                opens++;
                return new MemoryStream(table.Bytes, writable: false);
            });
            // Between chunks, by the coins, another thread's work is done here: it cuts the part with the most left (this one,
            // or one cut before) and reads from the cut, while this part waits.
            var (depth, coin) = (0, 0);
            void AnotherThread(ReadInParts reading)
            {
                if (depth < 3 && (coins >> (coin++ % 64) & 1) == 1)
                {
                    depth++;
                    reading.Work();
                    depth--;
                }
            }
            var partHashes = Hasher(table.Width);
            var runner = new PartitionRunner(SequentialScheduler.Instance, 1, CancellationToken.None);
            var parts = ReadInParts.Read([new(input, partHashes, null)], format, chunkBytes, Array.MaxLength, runner, threads: 1,
                AnotherThread)[0].TableOrThrow();
            cuts += opens - 1;

            if (whole is null || whole.Encoding is not (TextEncoding.Utf8 or TextEncoding.Utf8Bom))
            {
                Assert.Null(parts);
                return;
            }
            AssertSameTable(whole, parts);
            var (expected, actual) = (wholeHashes.Build(whole.RowCount).Exact(), partHashes.Build(parts!.RowCount).Exact());
            Assert.Equal(expected.RowHashes, actual.RowHashes);
            Assert.Equal(expected.KeyHashes, actual.KeyHashes);
        }, seed: new PCG(30, 20261205).ToString(), iter: 3000, threads: 1);
        // Each cut another thread tried opened the input once more.
        Assert.True(cuts > 1000, $"only {cuts} cuts were tried");
    }

    [Fact]
    public void Inputs_read_on_more_threads_than_inputs_read_as_on_one()
    {
        // The right long enough that every thread finds a part worth cutting; the left as long, or short enough that its thread
        // is done before the right's first part has read its header, and waits to share it.
        var rows = Gen.Select(Cell.Array[3], Gen.Int[0, 19]);
        Gen.Select(Gen.OneOf(rows.Array[2000], rows.Array[0, 3]), rows.Array[2000], Gen.Bool, Gen.Int[2, 4]).Sample((leftRows, rightRows, crlf, threads) =>
        {
            var format = new CsvFormat { Delimiter = ',', AllowRagged = true };
            var tables = new[] { leftRows, rightRows }
                .Select(cells => Write(3, [.. cells.Select(row => (row.Item1, 3))], (crlf, false, false, true), true, 9).Bytes).ToArray();
            var wholes = tables.Select(bytes => TableReader.Read(new TableInput("t.csv", bytes), format, null, CancellationToken.None)).ToArray();
            var runner = new PartitionRunner(new ThreadedScheduler(threads), 1, CancellationToken.None);
            var requests = tables.Select(bytes => new ReadInParts.Request(
                TableInput.FromStream("t.csv", () => new MemoryStream(bytes, writable: false)), null, null)).ToArray();
            var outcomes = ReadInParts.Read(requests, format, 64, Array.MaxLength, runner, threads);
            AssertSameTable(wholes[0], outcomes[0].TableOrThrow());
            AssertSameTable(wholes[1], outcomes[1].TableOrThrow());
        }, seed: new PCG(31, 20261205).ToString(), iter: 60, threads: 1);
    }
}
