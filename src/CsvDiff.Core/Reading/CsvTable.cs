// A table read into memory: its UTF-8 bytes and where each record starts. Cells become strings only when asked for.
using System.Text;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;

namespace CsvDiff.Reading;

internal sealed class CsvTable(TableIndex index, ReadOnlyMemory<byte> data) : IRowSource, ITableStore
{
    private readonly RecordPositions _positions = index.Positions;

    private HashesTakenWhileReading? _takenWhileReading;

    public string Name => index.Name;

    public ReadOnlyMemory<byte> Data { get; } = data;

    public TextEncoding Encoding => index.Encoding;

    public CsvTokenizer Tokenizer => index.Tokenizer;

    public bool HasHeader => index.HasHeader;

    public string[] Columns => index.Columns;

    public int RowCount => index.RowCount;

    /// <summary>The line after the last: one more than the line breaks in the input.</summary>
    public int EndLine => index.EndLine;

    /// <summary>Rows whose field count differs from the header's (only when ragged rows are allowed).</summary>
    public int RaggedRows => index.RaggedRows;

    public TableHeader Header => index.Header;

    public IReadOnlyList<string> Notices => index.Notices;

    public TableInfo Info => index.Info;

    /// <summary>Reads <paramref name="input"/> whole, taking the hashes <paramref name="plan"/> asks for on the way.</summary>
    public static CsvTable Read(TableInput input, CsvFormat format, ReadPlan plan, ValueNormalizer normalizer, Action<double>? progress,
        CancellationToken cancellation)
    {
        var hashes = HashesTakenWhileReading.For(plan, normalizer);
        var table = TableReader.Read(input, format, progress, cancellation, hashes?.Visitor);
        hashes?.Finish(table.RowCount);
        table._takenWhileReading = hashes;
        return table;
    }

    public RowFingerprints Hash(int[] columns, int[] keyPositions, RowHashForm form, ValueNormalizer normalizer, PartitionRunner runner) =>
        _takenWhileReading?.Take(columns, keyPositions, form) ?? RowFingerprints.Compute(this, columns, keyPositions, normalizer, runner, form);

    /// <summary>The table itself: every row is at hand.</summary>
    public IRowSource Fetch(IReadOnlyCollection<int> rows, bool scored) => this;

    public int LineOf(int row) => _positions.LineOf(row);

    public void ReadFields(int row, FieldList fields) =>
        Tokenizer.ReadRecord(Data.Span, StartOf(row), fields, out _);

    /// <summary>Reads data row <paramref name="row"/> into <paramref name="fields"/> and returns its bytes, line ending excluded.</summary>
    public ReadOnlySpan<byte> ReadRecord(int row, FieldList fields)
    {
        var start = StartOf(row);
        var end = Tokenizer.ReadRecord(Data.Span, start, fields, out _);
        return CsvTokenizer.WithoutLineEnd(Data.Span[start..end]);
    }

    // A table held in memory is under 2 GB, so its record starts fit an int.
    private int StartOf(int row) => (int)_positions.StartOf(row);

    public ReadOnlySpan<byte> GetUtf8(FieldList fields, int column, ref byte[] scratch) =>
        column < fields.Count ? CsvTokenizer.Value(Data.Span, fields[column], ref scratch) : [];

    public IReadOnlyList<string> GetRow(int row, FieldList fields, ref byte[] scratch)
    {
        ReadFields(row, fields);
        return RowCells.Read(Data.Span, fields, Columns.Length, ref scratch);
    }

    public string[] GetRowValues(int row, FieldList fields, ref byte[] scratch)
    {
        ReadFields(row, fields);
        return RowCells.ReadStrings(Data.Span, fields, Columns.Length, ref scratch);
    }

    public static string Describe(IEnumerable<string> columns)
    {
        var text = new StringBuilder();
        foreach (var column in columns)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(column);
            if (text.Length > 200)
            {
                return text.Append(", …").ToString();
            }
        }
        return text.Length == 0 ? "(none)" : text.ToString();
    }
}
