// A table read into memory: its UTF-8 bytes and where each record starts. Cells become strings only when asked for.
using System.Text;

namespace CsvDiff.Reading;

internal sealed class CsvTable : IRowSource
{
    private readonly int[] _recordStarts;
    private readonly int[] _recordLines;

    public CsvTable(string name, ReadOnlyMemory<byte> data, TextEncoding encoding, CsvTokenizer tokenizer, bool hasHeader,
        string[] columns, int[] recordStarts, int[] recordLines, int rowCount, int endLine, int raggedRows, IReadOnlyList<string> notices)
    {
        Name = name;
        Data = data;
        Encoding = encoding;
        Tokenizer = tokenizer;
        HasHeader = hasHeader;
        Columns = columns;
        _recordStarts = recordStarts;
        _recordLines = recordLines;
        RowCount = rowCount;
        EndLine = endLine;
        RaggedRows = raggedRows;
        Notices = notices;
    }

    public string Name { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public TextEncoding Encoding { get; }

    public CsvTokenizer Tokenizer { get; }

    public bool HasHeader { get; }

    public string[] Columns { get; }

    public int RowCount { get; }

    /// <summary>The line after the last: one more than the line breaks in the input.</summary>
    public int EndLine { get; }

    /// <summary>Rows whose field count differs from the header's (only when ragged rows are allowed).</summary>
    public int RaggedRows { get; }

    public TableHeader Header => new(Name, Columns);

    public IReadOnlyList<string> Notices { get; }

    public TableInfo Info => new(Name, Encoding, (char)Tokenizer.Delimiter, HasHeader, Columns, RowCount);

    public int LineOf(int row) => _recordLines[row];

    public void ReadFields(int row, FieldList fields) =>
        Tokenizer.ReadRecord(Data.Span, _recordStarts[row], fields, out _);

    /// <summary>Reads data row <paramref name="row"/> into <paramref name="fields"/> and returns its bytes, line ending excluded.</summary>
    public ReadOnlySpan<byte> ReadRecord(int row, FieldList fields)
    {
        var start = _recordStarts[row];
        var end = Tokenizer.ReadRecord(Data.Span, start, fields, out _);
        return CsvTokenizer.WithoutLineEnd(Data.Span[start..end]);
    }

    /// <summary>The value of <paramref name="column"/> in the fields last read; a column past the row's end (a padded ragged row) is empty.</summary>
    public string GetString(FieldList fields, int column, ref byte[] scratch) =>
        column < fields.Count ? System.Text.Encoding.UTF8.GetString(GetUtf8(fields, column, ref scratch)) : "";

    public ReadOnlySpan<byte> GetUtf8(FieldList fields, int column, ref byte[] scratch) =>
        column < fields.Count ? CsvTokenizer.Value(Data.Span, fields[column], ref scratch) : [];

    public string[] GetRowValues(int row, FieldList fields, ref byte[] scratch)
    {
        ReadFields(row, fields);
        var values = new string[Columns.Length];
        for (var column = 0; column < values.Length; column++)
        {
            values[column] = GetString(fields, column, ref scratch);
        }
        return values;
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
