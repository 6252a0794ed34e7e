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

    private void WriteRow(StreamWriter writer, RowDiff row, DiffResult result)
    {
        var label = Label(row, result.Key);
        switch (row.Type)
        {
            case RowChangeType.Added:
                writer.WriteLine(Paint(Green, $"+ {label}"));
                writer.WriteLine(Paint(Green, $"    {Values(result.Columns.Right, row.RightValues!)}"));
                break;
            case RowChangeType.Removed:
                writer.WriteLine(Paint(Red, $"- {label}"));
                writer.WriteLine(Paint(Red, $"    {Values(result.Columns.Left, row.LeftValues!)}"));
                break;
            case RowChangeType.Modified:
                writer.WriteLine(Paint(Yellow, $"~ {label}"));
                foreach (var change in row.Changes)
                {
                    writer.WriteLine($"    {Safe(change.Column)}: {Paint(Red, Quote(change.OldValue))} → {Paint(Green, Quote(change.NewValue))}");
                }
                break;
            default:
                writer.WriteLine(Paint(Dim, $"  {label}"));
                break;
        }
    }

    private static string Label(RowDiff row, IReadOnlyList<string> keyColumns)
    {
        var key = row.Key.Count > 0 ? string.Join(", ", row.Key.Select((value, i) => $"{Safe(keyColumns[i])}={Safe(value)}")) + "  " : "";
        var lines = (row.LeftLine, row.RightLine) switch
        {
            ({ } l, { } r) => string.Create(CultureInfo.InvariantCulture, $"line {l} → {r}"),
            ({ } l, null) => string.Create(CultureInfo.InvariantCulture, $"line {l}"),
            (null, { } r) => string.Create(CultureInfo.InvariantCulture, $"line {r}"),
            _ => "",
        };
        return key + lines;
    }

    private static string Values(IReadOnlyList<string> columns, IReadOnlyList<string> values) =>
        string.Join(", ", columns.Select((c, i) => $"{Safe(c)}={Quote(values[i])}"));

    private static string Quote(string value) => $"\"{Safe(value)}\"";

    // Control characters in data would move the cursor or recolour the terminal; show them as escapes instead.
    private static string Safe(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var safe = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            safe.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return safe.ToString();
    }

    private string Paint(string color, string text) => options.Color ? color + text + Reset : text;
}
