// A table read from its stream without keeping its bytes: where each record starts, its hashes, and rows read back on demand.
using System.Text;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;

namespace CsvDiff.Reading;

internal sealed class StreamedTable(TableIndex index, TableInput input, CsvFormat format, int chunkBytes, long length, int contentStart)
    : ITableStore
{
    // Rows are read back in file order. A read call costs about what copying 5 KiB does (on the 2-core benchmark machine, for
    // a file in the page cache: 1.3 µs for a small read, 15 µs for 64 KiB), so a row closer than NearBytes to the one before
    // shares its read, up to GroupBytes a read, and a row farther away is read alone. (Reading 64 KiB from every row on, for
    // a 1% change to a 1,000,000-row input, read all of it again: docs/BENCHMARKS.md.)
    private const int NearBytes = 4 * 1024;
    private const int GroupBytes = 64 * 1024;

    private HashesTakenWhileReading? _takenWhileReading;

    public string Name => index.Name;

    public int RowCount => index.RowCount;

    public TableHeader Header => index.Header;

    public TableInfo Info => index.Info;

    public IReadOnlyList<string> Notices => index.Notices;

    /// <summary>
    /// Streams <paramref name="input"/>, taking the hashes <paramref name="plan"/> asks for on the way; null when the input
    /// must be read whole instead (see <see cref="TableReader.ReadStreamed"/>).
    /// </summary>
    public static StreamedTable? Read(TableInput input, CsvFormat format, ReadPlan plan, ValueNormalizer normalizer, int chunkBytes,
        Action<double>? progress, CancellationToken cancellation)
    {
        var hashes = HashesTakenWhileReading.For(plan, normalizer);
        var table = TableReader.ReadStreamed(input, format, hashes?.Visitor, chunkBytes, Array.MaxLength, progress, cancellation);
        if (table is not null)
        {
            hashes?.Finish(table.RowCount);
            table._takenWhileReading = hashes;
        }
        return table;
    }

    /// <summary>Opens the input's stream, in the input's name when it cannot be.</summary>
    public static Stream Open(TableInput input)
    {
        try
        {
            return input.OpenStream!();
        }
        catch (IOException e)
        {
            throw new CsvDiffException($"cannot be read: {e.Message}", input.Name);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CsvDiffException("permission denied (or it is a directory)", input.Name);
        }
    }

    /// <summary>All of the input's bytes, for an input that must be read whole.</summary>
    public static ReadOnlyMemory<byte> ReadWhole(TableInput input)
    {
        using var stream = Open(input);
        if (stream.Length > Array.MaxLength)
        {
            throw new CsvDiffException("is larger than 2 GB, the most an input read whole can be (one not in UTF-8, or when the key is chosen automatically)", input.Name);
        }
        var bytes = GC.AllocateUninitializedArray<byte>((int)stream.Length);
        stream.ReadExactly(bytes);
        return bytes;
    }

    public static CsvDiffException Changed(string name) =>
        new("changed while it was being compared; compare a copy that stays as it is", name);

    public RowFingerprints Hash(int[] columns, int[] keyPositions, RowHashForm form, ValueNormalizer normalizer, PartitionRunner runner)
    {
        if (_takenWhileReading?.Take(columns, keyPositions, form) is { } taken)
        {
            return taken;
        }
        var again = Read(input, format, new ReadPlan(null, columns, keyPositions, form), normalizer, chunkBytes, null, runner.Cancellation);
        if (again?._takenWhileReading?.Take(columns, keyPositions, form) is not { } prints || again.RowCount != RowCount)
        {
            throw Changed(Name);
        }
        return prints;
    }

    public IRowSource Fetch(IReadOnlyCollection<int> rows)
    {
        var fetched = new Dictionary<int, (int Line, string[] Values)>(rows.Count);
        if (rows.Count == 0)
        {
            return new FetchedRows(Name, fetched);
        }
        using var stream = Open(input);
        if (stream.Length != length)
        {
            throw Changed(Name);
        }
        var wanted = rows.Distinct().Order().ToArray();
        var buffer = Array.Empty<byte>();
        var fields = new FieldList();
        var scratch = new byte[256];
        for (var first = 0; first < wanted.Length;)
        {
            // One read takes the next rows whose records lie close together; a row far from the one before is read alone,
            // its own bytes and no more. The index knows where each record ends: where the next one starts.
            var (start, end) = (StartOf(wanted[first]), EndOf(wanted[first]));
            var last = first;
            while (last + 1 < wanted.Length && StartOf(wanted[last + 1]) - end <= NearBytes && EndOf(wanted[last + 1]) - start <= GroupBytes)
            {
                end = EndOf(wanted[++last]);
            }
            // A byte past the last record too, so that its line ending is seen to end it.
            var count = (int)(Math.Min(end + 1, length) - start);
            if (buffer.Length < count)
            {
                buffer = new byte[Math.Max(count, (int)Math.Min(GroupBytes, length))];
            }
            if (Fill(stream, start, buffer, count) != count)
            {
                throw Changed(Name);
            }
            var data = buffer.AsSpan(0, count);
            var atEnd = start + count == length;
            for (var i = first; i <= last; i++)
            {
                var row = wanted[i];
                if (!RecordIn(data, (int)(StartOf(row) - start), atEnd, fields))
                {
                    throw Changed(Name);
                }
                var values = new string[index.Columns.Length];
                for (var column = 0; column < values.Length; column++)
                {
                    values[column] = column < fields.Count ? Encoding.UTF8.GetString(CsvTokenizer.Value(data, fields[column], ref scratch)) : "";
                }
                fetched[row] = (index.Positions.LineOf(row), values);
            }
            first = last + 1;
        }
        return new FetchedRows(Name, fetched);
    }

    // Where a data row's record starts in the input, and where the next one does (or the input ends): its bytes lie between.
    private long StartOf(int row) => contentStart + index.Positions.StartOf(row);

    private long EndOf(int row) => row + 1 < index.RowCount ? StartOf(row + 1) : length;

    // Whether the record at offset ends inside data (or data reaches the input's end); a record that does not parse now did before.
    private bool RecordIn(ReadOnlySpan<byte> data, int offset, bool atEnd, FieldList fields)
    {
        try
        {
            var end = index.Tokenizer.ReadRecord(data, offset, fields, out _);
            return end < data.Length || atEnd;
        }
        catch (MalformedRecordException e) when (e.UnclosedQuote && !atEnd)
        {
            return false;
        }
        catch (MalformedRecordException)
        {
            throw Changed(Name);
        }
    }

    private static int Fill(Stream stream, long start, byte[] buffer, int count)
    {
        stream.Position = start;
        return stream.ReadAtLeast(buffer.AsSpan(0, count), count, throwOnEndOfStream: false);
    }
}
