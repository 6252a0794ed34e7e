// A table read from its stream without keeping its bytes: where each record starts, its hashes, and rows read back on demand.
using System.Text;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;

namespace CsvDiff.Reading;

internal sealed class StreamedTable(TableIndex index, TableInput input, CsvFormat format, int chunkBytes, long length, int contentStart)
    : ITableStore
{
    // Rows are read back in file order, so one buffer of this size serves most neighbours at once.
    private const int FetchBufferBytes = 64 * 1024;

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
        // A small input's buffer is its size (a length of 0 may be a file that does not know its size).
        var buffer = new byte[length is > 0 and < FetchBufferBytes ? (int)length : FetchBufferBytes];
        var bufferStart = -1L;
        var filled = 0;
        var fields = new FieldList();
        var scratch = new byte[256];
        foreach (var row in rows.Distinct().Order())
        {
            var start = contentStart + index.Positions.StartOf(row);
            while (true)
            {
                if (bufferStart < 0 || start < bufferStart || start >= bufferStart + filled)
                {
                    (bufferStart, filled) = (start, Fill(stream, start, buffer));
                }
                var atEnd = bufferStart + filled == length;
                var data = buffer.AsSpan(0, filled);
                if (RecordIn(data, (int)(start - bufferStart), atEnd, fields))
                {
                    var values = new string[index.Columns.Length];
                    for (var column = 0; column < values.Length; column++)
                    {
                        values[column] = column < fields.Count ? Encoding.UTF8.GetString(CsvTokenizer.Value(data, fields[column], ref scratch)) : "";
                    }
                    fetched[row] = (index.Positions.LineOf(row), values);
                    break;
                }
                if (atEnd)
                {
                    throw Changed(Name);
                }
                if (bufferStart == start)
                {
                    // The record is longer than the buffer.
                    buffer = new byte[buffer.Length * 2];
                }
                (bufferStart, filled) = (start, Fill(stream, start, buffer));
            }
        }
        return new FetchedRows(Name, fetched);
    }

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

    private static int Fill(Stream stream, long start, byte[] buffer)
    {
        stream.Position = start;
        return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
    }
}
