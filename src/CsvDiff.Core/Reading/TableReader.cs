// Reads one input into a CsvTable: decodes it, settles the delimiter and header, and indexes every record in one pass.
using System.Globalization;

namespace CsvDiff.Reading;

/// <summary>Sees each data record as it is read: its fields over the decoded bytes, its own bytes (no line ending), its row number.</summary>
internal delegate void RecordVisitor(ReadOnlySpan<byte> data, FieldList fields, ReadOnlySpan<byte> record, int row);

internal static class TableReader
{
    private const int ProgressInterval = 1 << 16;
    private const int RaggedExamples = 3;

    public static CsvTable Read(TableInput input, CsvFormat format, Action<double>? progress, CancellationToken cancellation,
        RecordVisitor? visitor = null)
    {
        var decoded = InputDecoder.Decode(input);
        var data = decoded.Utf8.Span;
        var notices = new List<string>();
        if (decoded.Encoding == TextEncoding.Windows1252)
        {
            notices.Add($"{input.Name}: not valid UTF-8; read as Windows-1252");
        }
        var delimiter = format.Delimiter is { } given ? (byte)given : DelimiterDetector.Detect(data);
        var tokenizer = new CsvTokenizer(delimiter);
        var fields = new FieldList();
        var scratch = new byte[256];

        var starts = new int[Math.Max(16, data.Length / 64)];
        var lines = new int[starts.Length];
        var rowCount = 0;
        string[]? columns = null;
        var ragged = new RaggedRows();
        var line = 1;
        var position = 0;
        while (position < data.Length)
        {
            if (CsvTokenizer.IsLineBreak(data[position]))
            {
                position += data[position] == '\r' && position + 1 < data.Length && data[position + 1] == '\n' ? 2 : 1;
                line++;
                continue;
            }
            var recordStart = position;
            int lineBreaks;
            try
            {
                position = tokenizer.ReadRecord(data, position, fields, out lineBreaks);
            }
            catch (MalformedRecordException e)
            {
                var errorLine = line + CsvTokenizer.CountLineBreaks(data[recordStart..e.Offset]);
                throw new CsvDiffException(e.Message, input.Name, errorLine, e.Field + 1);
            }

            if (columns is null)
            {
                columns = format.HasHeader ? HeaderNames(input.Name, data, fields, ref scratch, notices) : NumberedNames(fields.Count);
                if (format.HasHeader)
                {
                    line += lineBreaks;
                    continue;
                }
            }
            if (fields.Count != columns.Length)
            {
                if (!format.AllowRagged)
                {
                    throw new CsvDiffException(
                        $"this row has {fields.Count} fields but the header has {columns.Length} (allow ragged rows to pad short rows and ignore extra fields)",
                        input.Name, line);
                }
                ragged.Add(line, fields.Count, columns.Length);
            }
            if (rowCount == starts.Length)
            {
                Array.Resize(ref starts, starts.Length * 2);
                Array.Resize(ref lines, lines.Length * 2);
            }
            starts[rowCount] = recordStart;
            lines[rowCount] = line;
            visitor?.Invoke(data, fields, CsvTokenizer.WithoutLineEnd(data[recordStart..position]), rowCount);
            rowCount++;
            line += lineBreaks;

            if ((rowCount & (ProgressInterval - 1)) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
                progress?.Invoke((double)position / data.Length);
            }
        }
        ragged.Report(input.Name, columns?.Length ?? 0, notices);
        return new CsvTable(input.Name, decoded.Utf8, decoded.Encoding, tokenizer, format.HasHeader, columns ?? [],
            starts, lines, rowCount, line, ragged.Count, notices);
    }

    private static string[] NumberedNames(int count) =>
        Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    // Names must be unique to match columns by name: empty names take their position, repeats a suffix.
    private static string[] HeaderNames(string inputName, ReadOnlySpan<byte> data, FieldList fields, ref byte[] scratch, List<string> notices)
    {
        var names = new string[fields.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var name = System.Text.Encoding.UTF8.GetString(CsvTokenizer.Value(data, fields[i], ref scratch));
            var position = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (name.Length == 0)
            {
                notices.Add($"{inputName}: column {position} has no name; it is called \"{position}\"");
                name = position;
            }
            if (!seen.Add(name))
            {
                var unique = name;
                for (var n = 2; !seen.Add(unique); n++)
                {
                    unique = $"{name}_{n.ToString(CultureInfo.InvariantCulture)}";
                }
                notices.Add($"{inputName}: column {position} repeats the name \"{name}\"; it is called \"{unique}\"");
                name = unique;
            }
            names[i] = name;
        }
        return names;
    }

    private sealed class RaggedRows
    {
        private readonly List<string> _short = [];
        private readonly List<string> _long = [];
        private int _shortCount;
        private int _longCount;

        public int Count => _shortCount + _longCount;

        public void Add(int line, int fieldCount, int columnCount)
        {
            var example = $"line {line.ToString(CultureInfo.InvariantCulture)}: {fieldCount.ToString(CultureInfo.InvariantCulture)} fields";
            if (fieldCount < columnCount)
            {
                _shortCount++;
                if (_short.Count < RaggedExamples)
                {
                    _short.Add(example);
                }
            }
            else
            {
                _longCount++;
                if (_long.Count < RaggedExamples)
                {
                    _long.Add(example);
                }
            }
        }

        private static string Rows(int count) => count == 1 ? "1 row has" : $"{count.ToString(CultureInfo.InvariantCulture)} rows have";

        public void Report(string inputName, int columnCount, List<string> notices)
        {
            if (_shortCount > 0)
            {
                notices.Add($"{inputName}: {Rows(_shortCount)} fewer than {columnCount.ToString(CultureInfo.InvariantCulture)} fields, padded with empty ones ({string.Join("; ", _short)})");
            }
            if (_longCount > 0)
            {
                notices.Add($"{inputName}: {Rows(_longCount)} more than {columnCount.ToString(CultureInfo.InvariantCulture)} fields; the extra fields are not compared ({string.Join("; ", _long)})");
            }
        }
    }
}
