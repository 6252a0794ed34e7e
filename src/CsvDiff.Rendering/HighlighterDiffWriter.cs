// Writes the highlighter diff as CSV, the tabular diff format daff and its viewers read.
using System.Text;

namespace CsvDiff.Rendering;

internal sealed class HighlighterDiffWriter : IDiffWriter
{
    public void Write(DiffResult result, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var table = HighlighterTable.For(result);
        foreach (var row in table.Rows(result))
        {
            WriteField(writer, row.Action);
            foreach (var cell in row.Cells)
            {
                writer.Write(',');
                WriteField(writer, cell.Text);
            }
            writer.WriteLine();
        }
    }

    private static void WriteField(TextWriter writer, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
