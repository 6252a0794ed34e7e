// Writes the highlighter diff as CSV, the tabular diff format daff and its viewers read.
using System.Text;
using CsvDiff.Writing;

namespace CsvDiff.Rendering;

internal sealed class HighlighterDiffWriter(RenderOptions options) : IDiffWriter
{
    public void Write(DiffResult result, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var table = HighlighterTable.For(result);
        foreach (var row in table.Rows(result))
        {
            var defuse = options.SafeCsv && row.Action != HighlighterTable.SchemaTag;
            CsvWriter.WriteField(writer, row.Action);
            foreach (var cell in row.Cells)
            {
                writer.Write(',');
                CsvWriter.WriteField(writer, defuse ? Defuse(cell.Text) : cell.Text);
            }
            writer.WriteLine();
        }
    }

    // The action column and the schema row are the format's own vocabulary (+++, ---, ->) and stay as they are; data cells are
    // what a hostile export could plant, so they get the apostrophe spreadsheets read as "this is text".
    private static string Defuse(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
