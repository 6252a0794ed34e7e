// A table as text for git's line diff: each row a line naming it by key (or line), then each other cell on a line of its own.
using System.Text;
using CsvDiff.Writing;

namespace CsvDiff.Cli.Git;

internal static class CellLines
{
    public static void Write(CsvDocument table, IReadOnlyList<string> key, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var columns = table.Columns.ToList();
        var keyColumns = key.Select(k => columns.IndexOf(k)).Where(c => c >= 0).ToArray();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            writer.WriteLine(keyColumns.Length > 0
                ? string.Join(", ", keyColumns.Select(c => $"{columns[c]}={Escape(row[c])}"))
                : $"line {table.Lines[r]}");
            // The key's cells name the row already.
            for (var c = 0; c < columns.Count; c++)
            {
                if (keyColumns.Contains(c))
                {
                    continue;
                }
                writer.WriteLine($"    {columns[c]}: \"{Escape(c < row.Length ? row[c] : "")}\"");
            }
        }
    }

    // One cell must stay on one line, or git would show half a value.
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
