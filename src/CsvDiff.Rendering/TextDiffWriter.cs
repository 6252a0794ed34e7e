// Writes the diff for a person at a terminal: summary, then each changed row; colour only when asked for.
using System.Globalization;
using System.Text;

namespace CsvDiff.Rendering;

internal sealed class TextDiffWriter(RenderOptions options) : IDiffWriter
{
    private const string Green = "\e[32m";
    private const string Red = "\e[31m";
    private const string Yellow = "\e[33m";
    private const string Dim = "\e[2m";
    private const string Reset = "\e[0m";

    public void Write(DiffResult result, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var key = result.Mode == DiffMode.Key ? $"key: {string.Join(", ", result.Key)}" : "by content";
        writer.WriteLine(Paint(Red, $"--- {Safe(result.Left.Name)}") + Paint(Dim, string.Create(CultureInfo.InvariantCulture, $"  {result.Left.RowCount} rows")));
        writer.WriteLine(Paint(Green, $"+++ {Safe(result.Right.Name)}") + Paint(Dim, string.Create(CultureInfo.InvariantCulture, $"  {result.Right.RowCount} rows, {key}")));
        foreach (var notice in result.Notices)
        {
            writer.WriteLine(Paint(Dim, $"note: {Safe(notice)}"));
        }
        foreach (var line in SummaryDiffWriter.SchemaLines(result))
        {
            writer.WriteLine(Safe(line));
        }
        writer.WriteLine(SummaryDiffWriter.Counts(result));
        foreach (var row in result.Rows)
        {
            writer.WriteLine();
            WriteRow(writer, row, result);
        }
    }

    // Rows are written a piece at a time, not built as strings first: a result lists up to a million rows, and every string
    // built for one was garbage at once, on the one thread that writes.
    private void WriteRow(StreamWriter writer, RowDiff row, DiffResult result)
    {
        switch (row.Type)
        {
            case RowChangeType.Added:
                WriteLabelLine(writer, Green, "+ ", row, result.Key);
                WriteValuesLine(writer, Green, result.Columns.Right, row.RightValues!);
                break;
            case RowChangeType.Removed:
                WriteLabelLine(writer, Red, "- ", row, result.Key);
                WriteValuesLine(writer, Red, result.Columns.Left, row.LeftValues!);
                break;
            case RowChangeType.Modified:
                WriteLabelLine(writer, Yellow, "~ ", row, result.Key);
                foreach (var change in row.Changes)
                {
                    writer.Write("    ");
                    WriteSafe(writer, change.Column);
                    writer.Write(": ");
                    Begin(writer, Red);
                    WriteQuoted(writer, change.OldValue);
                    End(writer);
                    writer.Write(" → ");
                    Begin(writer, Green);
                    WriteQuoted(writer, change.NewValue);
                    End(writer);
                    writer.WriteLine();
                }
                break;
            default:
                WriteLabelLine(writer, Dim, "  ", row, result.Key);
                break;
        }
    }

    // The row's key and its lines, e.g. "~ id=7  line 9 → 10".
    private void WriteLabelLine(StreamWriter writer, string color, string mark, RowDiff row, IReadOnlyList<string> keyColumns)
    {
        Begin(writer, color);
        writer.Write(mark);
        for (var i = 0; i < row.Key.Count; i++)
        {
            writer.Write(i == 0 ? "" : ", ");
            WriteSafe(writer, keyColumns[i]);
            writer.Write('=');
            WriteSafe(writer, row.Key[i]);
        }
        writer.Write(row.Key.Count > 0 ? "  " : "");
        if ((row.LeftLine ?? row.RightLine) is { } first)
        {
            writer.Write("line ");
            WriteNumber(writer, first);
            if (row is { LeftLine: not null, RightLine: { } second })
            {
                writer.Write(" → ");
                WriteNumber(writer, second);
            }
        }
        End(writer);
        writer.WriteLine();
    }

    private void WriteValuesLine(StreamWriter writer, string color, IReadOnlyList<string> columns, IReadOnlyList<string> values)
    {
        Begin(writer, color);
        writer.Write("    ");
        for (var i = 0; i < columns.Count; i++)
        {
            writer.Write(i == 0 ? "" : ", ");
            WriteSafe(writer, columns[i]);
            writer.Write('=');
            WriteQuoted(writer, values[i]);
        }
        End(writer);
        writer.WriteLine();
    }

    private static void WriteNumber(StreamWriter writer, int number)
    {
        Span<char> digits = stackalloc char[11];
        number.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        writer.Write(digits[..length]);
    }

    // A value is quoted so that its spaces show; a quote or a backslash in it is escaped, as the control characters are, so
    // that "a "b" c" cannot be read two ways and a value holding a backslash and an n is not taken for a line break.
    private static void WriteQuoted(StreamWriter writer, string value)
    {
        writer.Write('"');
        var escaped = value.AsSpan().IndexOfAny('"', '\\') < 0
            ? value
            : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        WriteSafe(writer, escaped);
        writer.Write('"');
    }

    private static void WriteSafe(StreamWriter writer, string text) => writer.Write(Safe(text));

    private void Begin(StreamWriter writer, string color)
    {
        if (options.Color)
        {
            writer.Write(color);
        }
    }

    private void End(StreamWriter writer)
    {
        if (options.Color)
        {
            writer.Write(Reset);
        }
    }

    // char.IsControl: U+0000–U+001F and U+007F–U+009F.
    private static bool HasControl(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 || text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') >= 0;

    // Control characters in data would move the cursor or recolour the terminal; show them as escapes instead.
    private static string Safe(string text)
    {
        if (!HasControl(text))
        {
            return text;
        }
        var safe = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => safe.Append("\\n"),
                '\r' => safe.Append("\\r"),
                '\t' => safe.Append("\\t"),
                _ when char.IsControl(c) => safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => safe.Append(c),
            };
        }
        return safe.ToString();
    }

    private string Paint(string color, string text) => options.Color ? color + text + Reset : text;
}
