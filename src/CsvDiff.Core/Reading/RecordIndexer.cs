// Indexes records as their bytes arrive, in one piece or a chunk at a time: the header, where each record starts, its line.
using System.Globalization;

namespace CsvDiff.Reading;

/// <summary>Sees each data record as it is read: its fields over the decoded bytes, its own bytes (no line ending), its row number.</summary>
internal interface IRecordVisitor
{
    /// <summary>How many leading fields <see cref="Visit"/> reads; the fields list given to it may hold no more than these.</summary>
    int FieldsNeeded { get; }

    /// <summary>Called once, before any record is visited, with the delimiter the table is read with.</summary>
    void Start(byte delimiter);

    /// <summary>Makes room for rows 0 to <paramref name="capacity"/> - 1, keeping those visited; called before a row past the room is visited.</summary>
    void Reserve(int capacity);

    void Visit(ReadOnlySpan<byte> data, FieldList fields, ReadOnlySpan<byte> record, int row);

    /// <summary>A visitor like this one, for a later part of the input that another thread reads (<see cref="ReadInParts"/>).</summary>
    IRecordVisitor ForAnotherPart();

    /// <summary>Takes the first <paramref name="rows"/> rows <paramref name="part"/> visited (made by <see cref="ForAnotherPart"/>) as rows <paramref name="at"/> on.</summary>
    void Append(IRecordVisitor part, int rows, int at);
}

/// <summary>What follows the span of bytes a <see cref="RecordIndexer"/> scans.</summary>
internal enum SpanEnd
{
    /// <summary>More of the input: a record touching the span's end may go on.</summary>
    MoreFollows,

    /// <summary>
    /// A cut that another reader goes on from, just after a line feed: a record reaching it has ended, but a quoted field still
    /// open there goes on past it, and is left unscanned, which tells that the cut is not between records.
    /// </summary>
    Cut,

    /// <summary>The input's end.</summary>
    InputEnd,
}

/// <summary>What indexing a table gives, wherever its bytes are kept.</summary>
internal sealed record TableIndex(string Name, TextEncoding Encoding, CsvTokenizer Tokenizer, bool HasHeader, string[] Columns,
    RecordPositions Positions, int EndLine, int RaggedRows, IReadOnlyList<string> Notices)
{
    public int RowCount => Positions.Count;

    public TableHeader Header => new(Name, Columns);

    public TableInfo Info => new(Name, Encoding, (char)Tokenizer.Delimiter, HasHeader, Columns, RowCount);
}

/// <summary>
/// Takes a table's UTF-8 bytes in consecutive spans and indexes every record that ends inside one; a record that may go on
/// in the next span is left for it. Record starts count from the table's first byte (its byte order mark excluded).
/// </summary>
internal sealed class RecordIndexer
{
    private const int ProgressInterval = 1 << 16;
    private const int RaggedExamples = 3;
    private const int FirstRows = 4096;

    private readonly string _name;
    private readonly CsvFormat _format;
    private readonly IRecordVisitor? _visitor;
    private readonly int _fieldsNeeded;
    private readonly Action<double>? _progress;
    private readonly long _totalBytes;
    private readonly CancellationToken _cancellation;
    private readonly FieldList _fields = new();
    private readonly RaggedRows _ragged = new();
    private byte[] _scratch = new byte[256];
    private readonly RecordPositions _positions;
    private int _line = 1;
    // Where the bytes this indexer scans start in the table: 0, or a cut for a later part (whose size `_totalBytes` is).
    private long _firstByte = -1;
    private string[]? _columns;

    // `columns` are the table's, for a part of it that starts after its header (ForAnotherPart); null for the input's start,
    // where the header (or the first record) gives them.
    public RecordIndexer(string name, CsvFormat format, CsvTokenizer tokenizer, long totalBytes, IRecordVisitor? visitor,
        Action<double>? progress, CancellationToken cancellation, string[]? columns = null)
    {
        _columns = columns;
        _fieldsNeeded = visitor?.FieldsNeeded ?? 0;
        _name = name;
        _format = format;
        Tokenizer = tokenizer;
        _totalBytes = totalBytes;
        _visitor = visitor;
        _progress = progress;
        _cancellation = cancellation;
        // Room for the first rows, or for as many as the input can hold (a row takes a byte at least) when that is fewer.
        var firstCapacity = (int)Math.Clamp(totalBytes + 1, 1, FirstRows);
        _positions = new RecordPositions(firstCapacity);
        visitor?.Start(tokenizer.Delimiter);
        visitor?.Reserve(firstCapacity);
    }

    public CsvTokenizer Tokenizer { get; }

    public List<string> Notices { get; } = [];

    /// <summary>The line the next record starts on (for a later part, counted from its start as line 1).</summary>
    public int Line => _line;

    /// <summary>The table's columns, once its first record is scanned.</summary>
    public string[]? Columns => _columns;

    /// <summary>An indexer for a later part of the table, <paramref name="bytes"/> long, which another thread reads; its rows are taken with <see cref="Append"/>.</summary>
    public RecordIndexer ForAnotherPart(long bytes, Action<double>? progress) =>
        new(_name, _format, Tokenizer, bytes, _visitor?.ForAnotherPart(), progress, _cancellation,
            _columns ?? throw new InvalidOperationException("a part is cut only once the table's columns are known"));

    /// <summary>
    /// Takes the rows of <paramref name="part"/>, which indexed the bytes that follow those scanned here, as if scanned here:
    /// rows numbered on, lines counted on, its ragged rows with these.
    /// </summary>
    public void Append(RecordIndexer part)
    {
        var (at, rows) = (_positions.Count, part._positions.Count);
        if (at + rows > _positions.Capacity)
        {
            _positions.Resize(at + rows);
            _visitor?.Reserve(at + rows);
        }
        var linesBefore = _line - 1;
        _positions.Append(part._positions, linesBefore);
        if (_visitor is not null)
        {
            _visitor.Append(part._visitor!, rows, at);
        }
        _ragged.Append(part._ragged, linesBefore);
        _line += part._line - 1;
    }

    /// <summary>
    /// Indexes the records of <paramref name="data"/>, which starts at byte <paramref name="origin"/> of the table, and returns
    /// how many of its bytes it consumed. Before more of the input, a record (or a CR) touching the span's end is left; before
    /// a cut, a record whose quoted field is still open (see <see cref="SpanEnd"/>).
    /// </summary>
    public int Scan(ReadOnlySpan<byte> data, long origin, SpanEnd end)
    {
        var atEnd = end != SpanEnd.MoreFollows;
        var mayGoOn = end != SpanEnd.InputEnd;
        if (_firstByte < 0)
        {
            _firstByte = origin;
        }
        var position = 0;
        while (position < data.Length)
        {
            if (CsvTokenizer.IsLineBreak(data[position]))
            {
                if (!atEnd && position + 1 == data.Length)
                {
                    // A CR here may be half of a CRLF.
                    break;
                }
                position += data[position] == '\r' && position + 1 < data.Length && data[position + 1] == '\n' ? 2 : 1;
                _line++;
                continue;
            }
            var recordStart = position;
            int lineBreaks, fieldCount;
            try
            {
                // Fields past those the visitor reads are only counted; the header is read in full.
                position = Tokenizer.ReadLeadingFields(data, recordStart, _fields, _columns is null ? int.MaxValue : _fieldsNeeded,
                    out fieldCount, out lineBreaks);
            }
            catch (MalformedRecordException e) when (mayGoOn && e.UnclosedQuote)
            {
                return recordStart;
            }
            catch (MalformedRecordException e)
            {
                var errorLine = _line + CsvTokenizer.CountLineBreaks(data[recordStart..e.Offset]);
                throw new CsvDiffException(e.Message, _name, errorLine, e.Field + 1);
            }
            if (!atEnd && position == data.Length)
            {
                // The record's last field, or its line ending, may go on in the next span.
                return recordStart;
            }

            if (_columns is null)
            {
                _columns = _format.HasHeader ? HeaderNames(data) : NumberedNames(fieldCount);
                if (_format.HasHeader)
                {
                    _line += lineBreaks;
                    continue;
                }
            }
            if (fieldCount != _columns.Length)
            {
                if (!_format.AllowRagged)
                {
                    throw new CsvDiffException(
                        $"this row has {fieldCount} fields but the header has {_columns.Length} (allow ragged rows to pad short rows and ignore extra fields)",
                        _name, _line);
                }
                _ragged.Add(_line, fieldCount, _columns.Length);
            }
            var row = _positions.Count;
            if (row == _positions.Capacity)
            {
                Grow(origin + position - _firstByte);
            }
            _positions.Add(origin + recordStart, _line);
            _visitor?.Visit(data, _fields, CsvTokenizer.WithoutLineEnd(data[recordStart..position]), row);
            _line += lineBreaks;

            if ((_positions.Count & (ProgressInterval - 1)) == 0)
            {
                _cancellation.ThrowIfCancellationRequested();
                _progress?.Invoke((double)(origin + position) / _totalBytes);
            }
        }
        return position;
    }

    // The first rows tell how long rows are: the arrays then grow once to the row count that the input's size projects
    // (with a little room), instead of doubling their way there and holding up to twice what they need. The projection is
    // capped at a row per 32 bytes, so that short first rows ahead of long ones cannot make it absurd. The visitor's arrays
    // (a streamed table's hashes) grow with these, so they too are allocated once; a later part's the same, for its own size.
    private void Grow(long bytesRead)
    {
        var rows = _positions.Count;
        var projected = rows == FirstRows && bytesRead > 0
            ? Math.Min((long)(rows * 1.05 * _totalBytes / bytesRead), _totalBytes / 32)
            : 0;
        var capacity = (int)Math.Min(Array.MaxLength, Math.Max(projected, rows * 2L));
        _positions.Resize(capacity);
        _visitor?.Reserve(capacity);
    }

    /// <summary>The index of everything scanned, once the last span was scanned before the input's end
    /// (and the parts that followed appended).</summary>
    public TableIndex Finish(TextEncoding encoding)
    {
        _ragged.Report(_name, _columns?.Length ?? 0, Notices);
        return new TableIndex(_name, encoding, Tokenizer, _format.HasHeader, _columns ?? [], _positions, _line,
            _ragged.Count, Notices);
    }

    private static string[] NumberedNames(int count) =>
        Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    // Names must be unique to match columns by name: empty names take their position, repeats a suffix.
    private string[] HeaderNames(ReadOnlySpan<byte> data)
    {
        var names = new string[_fields.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var name = System.Text.Encoding.UTF8.GetString(CsvTokenizer.Value(data, _fields[i], ref _scratch));
            var position = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (name.Length == 0)
            {
                Notices.Add($"{_name}: column {position} has no name; it is called \"{position}\"");
                name = position;
            }
            if (!seen.Add(name))
            {
                var unique = name;
                for (var n = 2; !seen.Add(unique); n++)
                {
                    unique = $"{name}_{n.ToString(CultureInfo.InvariantCulture)}";
                }
                Notices.Add($"{_name}: column {position} repeats the name \"{name}\"; it is called \"{unique}\"");
                name = unique;
            }
            names[i] = name;
        }
        return names;
    }

    private sealed class RaggedRows
    {
        private readonly List<(int Line, int Fields)> _short = [];
        private readonly List<(int Line, int Fields)> _long = [];
        private int _shortCount;
        private int _longCount;

        public int Count => _shortCount + _longCount;

        public void Add(int line, int fieldCount, int columnCount)
        {
            if (fieldCount < columnCount)
            {
                _shortCount++;
                Keep(_short, (line, fieldCount));
            }
            else
            {
                _longCount++;
                Keep(_long, (line, fieldCount));
            }
        }

        /// <summary>Takes the ragged rows of the part that follows, whose lines count from 1 after <paramref name="linesBefore"/>.</summary>
        public void Append(RaggedRows part, int linesBefore)
        {
            _shortCount += part._shortCount;
            _longCount += part._longCount;
            part._short.ForEach(example => Keep(_short, (example.Line + linesBefore, example.Fields)));
            part._long.ForEach(example => Keep(_long, (example.Line + linesBefore, example.Fields)));
        }

        private static void Keep(List<(int Line, int Fields)> examples, (int Line, int Fields) example)
        {
            if (examples.Count < RaggedExamples)
            {
                examples.Add(example);
            }
        }

        private static string Examples(List<(int Line, int Fields)> examples) => string.Join("; ", examples.Select(example =>
            $"line {example.Line.ToString(CultureInfo.InvariantCulture)}: {example.Fields.ToString(CultureInfo.InvariantCulture)} fields"));

        private static string Rows(int count) => count == 1 ? "1 row has" : $"{count.ToString(CultureInfo.InvariantCulture)} rows have";

        public void Report(string inputName, int columnCount, List<string> notices)
        {
            if (_shortCount > 0)
            {
                notices.Add($"{inputName}: {Rows(_shortCount)} fewer than {columnCount.ToString(CultureInfo.InvariantCulture)} fields, padded with empty ones ({Examples(_short)})");
            }
            if (_longCount > 0)
            {
                notices.Add($"{inputName}: {Rows(_longCount)} more than {columnCount.ToString(CultureInfo.InvariantCulture)} fields; the extra fields are not compared ({Examples(_long)})");
            }
        }
    }
}
