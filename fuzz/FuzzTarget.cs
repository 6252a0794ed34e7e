// What the fuzzer runs and what the regression tests replay: any bytes, as two tables, through the engine and a writer, and
// each table read in parts cut where the bytes say, which must read as the table read whole.
using CsvDiff.Internals;
using CsvDiff.Reading;
using CsvDiff.Rendering;

namespace CsvDiff.Fuzzing;

internal static class FuzzTarget
{
    // Bytes before the first form feed are the left table, the rest the right; the first byte picks the options.
    public static void Run(ReadOnlySpan<byte> data)
    {
        var split = data.IndexOf((byte)'\f');
        var left = split < 0 ? data : data[..split];
        var right = split < 0 ? data : data[(split + 1)..];
        var selector = data.IsEmpty ? 0 : data[0];
        var options = new DiffOptions
        {
            Key = (selector & 1) != 0 ? ["1"] : [],
            DuplicateKeys = DuplicateKeyPolicy.Pair,
            Values = new ValueComparison { IgnoreCase = (selector & 2) != 0, Trim = (selector & 4) != 0, Numeric = (selector & 8) != 0 },
            Csv = new CsvFormat { HasHeader = (selector & 16) == 0, AllowRagged = (selector & 32) != 0 },
            InlineSegments = (selector & 64) != 0,
            Similarity = 0.3,
        };
        try
        {
            var result = TableDiff.Compare(new TableInput("left", left.ToArray()), new TableInput("right", right.ToArray()), options);
            DiffWriters.WriteToString(result, (selector & 128) != 0 ? OutputFormat.Highlighter : OutputFormat.Json);
        }
        catch (CsvDiffException)
        {
            // A located error is a correct answer to bad input; anything else escapes and is a finding.
        }
        ReadInPartsAsWhole(left.ToArray(), options.Csv, data);
        ReadInPartsAsWhole(right.ToArray(), options.Csv, data);
    }

    // The table read in parts (ReadInParts), with a cut tried between chunks wherever a byte of `coins` is odd (another
    // thread's work, run on this one), must be the table read whole: or, when that fails or is not UTF-8, be handed back to
    // be read whole. A difference is a finding.
    private static void ReadInPartsAsWhole(byte[] bytes, CsvFormat format, ReadOnlySpan<byte> coins)
    {
        CsvTable? whole;
        try
        {
            whole = TableReader.Read(new TableInput("t", bytes), format, null, CancellationToken.None);
        }
        catch (CsvDiffException)
        {
            whole = null;
        }
        var flips = coins.IsEmpty ? [(byte)1] : coins.ToArray();
        var (depth, next) = (0, 0);
        void AnotherThread(ReadInParts reading)
        {
            if (depth < 3 && (flips[next++ % flips.Length] & 1) == 1)
            {
                depth++;
                reading.Work();
                depth--;
            }
        }
        var input = TableInput.FromStream("t", () => new MemoryStream(bytes, writable: false));
        var runner = new PartitionRunner(SequentialScheduler.Instance, 1, CancellationToken.None);
        var chunkBytes = 1 + (flips[^1] % 16);
        var parts = ReadInParts.Read([new(input, null, null)], format, chunkBytes, Array.MaxLength, runner, threads: 1, AnotherThread)[0]
            .TableOrThrow();
        if (whole is null || whole.Encoding is not (TextEncoding.Utf8 or TextEncoding.Utf8Bom))
        {
            if (parts is not null)
            {
                throw new InvalidOperationException("a table read whole fails or is not UTF-8, but read in parts it was read");
            }
            return;
        }
        if (parts is null || parts.RowCount != whole.RowCount || !parts.Notices.SequenceEqual(whole.Notices)
            || !parts.Info.Columns.SequenceEqual(whole.Columns))
        {
            throw new InvalidOperationException("a table read in parts differs from the table read whole in its rows, columns or notices");
        }
        var fetched = parts.Fetch(Enumerable.Range(0, whole.RowCount).ToArray(), scored: false);
        var (fields, scratch) = (new FieldList(), new byte[16]);
        for (var row = 0; row < whole.RowCount; row++)
        {
            if (fetched.LineOf(row) != whole.LineOf(row)
                || !fetched.GetRowValues(row, fields, ref scratch).SequenceEqual(whole.GetRowValues(row, fields, ref scratch)))
            {
                throw new InvalidOperationException($"row {row} read in parts differs from the row read whole");
            }
        }
    }
}
