// Writes the counts and schema changes only: the shortest answer to "what changed?".
using System.Globalization;
using System.Text;

namespace CsvDiff.Rendering;

internal sealed class SummaryDiffWriter : IDiffWriter
{
    public void Write(DiffResult result, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(Counts(result));
        foreach (var line in SchemaLines(result))
        {
            writer.WriteLine(line);
        }
    }

    public static string Counts(DiffResult result)
    {
        var s = result.Summary;
        return string.Create(CultureInfo.InvariantCulture, $"{s.Added} added, {s.Removed} removed, {s.Modified} modified, {s.Unchanged} unchanged");
    }

    public static IEnumerable<string> SchemaLines(DiffResult result)
    {
        var columns = result.Columns;
        if (columns.Added.Count > 0)
        {
            yield return $"columns added: {string.Join(", ", columns.Added)}";
        }
        if (columns.Removed.Count > 0)
        {
            yield return $"columns removed: {string.Join(", ", columns.Removed)}";
        }
        if (columns.Renamed.Count > 0)
        {
            yield return $"columns renamed: {string.Join(", ", columns.Renamed.Select(r => $"{r.From} → {r.To}"))}";
        }
        if (columns.Reordered.Count > 0)
        {
            yield return $"columns reordered: {string.Join(", ", columns.Reordered)}";
        }
    }
}
