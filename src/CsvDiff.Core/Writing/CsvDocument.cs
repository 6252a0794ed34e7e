// A whole table as strings, with the form it was read in: what patch and merge read their inputs into and write out.
using System.Text;
using CsvDiff.Reading;

namespace CsvDiff.Writing;

/// <summary>
/// A table held as strings: its columns, its rows and the 1-based line each row starts on, and the form to write it back in
/// (delimiter, header, line ending, byte order mark). For tables a person edits, not for the millions of rows a diff streams.
/// </summary>
public sealed class CsvDocument
{
    /// <summary>A table with these columns and rows, written in the given form.</summary>
    public CsvDocument(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows, CsvForm form, IReadOnlyList<int>? lines = null)
    {
        Columns = columns;
        Rows = rows;
        Form = form;
        Lines = lines ?? [];
    }

    /// <summary>The column names, in order (1..N when the table has no header).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows, each with one value per column.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Where each row starts in the input it was read from; empty for a table made in memory.</summary>
    public IReadOnlyList<int> Lines { get; }

    /// <summary>How the table is written.</summary>
    public CsvForm Form { get; }

    /// <summary>Reads <paramref name="input"/> whole; bad CSV is a <see cref="CsvDiffException"/> naming the line.</summary>
    public static CsvDocument Read(TableInput input, CsvFormat format, CancellationToken cancellation = default)
    {
        var table = TableReader.Read(input.OpenStream is null ? input : input with { Bytes = StreamedTable.ReadWhole(input) }, format, null, cancellation);
        var fields = new FieldList();
        var scratch = new byte[256];
        var rows = new string[table.RowCount][];
        var lines = new int[table.RowCount];
        for (var row = 0; row < rows.Length; row++)
        {
            rows[row] = table.GetRowValues(row, fields, ref scratch);
            lines[row] = table.LineOf(row);
        }
        var data = table.Data.Span;
        var firstBreak = data.IndexOf((byte)'\n');
        var newLine = firstBreak > 0 && data[firstBreak - 1] == '\r' ? "\r\n" : "\n";
        var form = new CsvForm(table.Info.Delimiter, table.HasHeader, newLine, table.Encoding == TextEncoding.Utf8Bom);
        return new CsvDocument(table.Columns, rows, form, lines);
    }

    /// <summary>Writes the table as UTF-8 CSV: the header (when it has one), then every row.</summary>
    public void Write(Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(Form.ByteOrderMark), 1 << 16, leaveOpen: true);
        if (Form.HasHeader && Columns.Count > 0)
        {
            CsvWriter.WriteRecord(writer, Columns, Form.Delimiter, Form.NewLine);
        }
        foreach (var row in Rows)
        {
            CsvWriter.WriteRecord(writer, row, Form.Delimiter, Form.NewLine);
        }
    }
}

/// <summary>How a table is written: its delimiter, whether it has a header row, its line ending and whether it starts with a BOM.</summary>
public sealed record CsvForm(char Delimiter, bool HasHeader, string NewLine, bool ByteOrderMark);
