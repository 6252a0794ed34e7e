// Writes the diff as one self-contained HTML page: no script, no external resources, every value escaped.
using System.Globalization;
using System.Text;

namespace CsvDiff.Rendering;

internal sealed class HtmlDiffWriter : IDiffWriter
{
    private const string Style = """
        :root { color-scheme: light dark; --add: #e6ffec; --remove: #ffebe9; --change: #fff8c5; --muted: #6e7781; }
        @media (prefers-color-scheme: dark) { :root { --add: #12361f; --remove: #3d1418; --change: #3b3212; --muted: #8b949e; } }
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; }
        table { border-collapse: collapse; font-family: ui-monospace, monospace; font-size: 13px; }
        th, td { border: 1px solid #8884; padding: 2px 6px; vertical-align: top; white-space: pre-wrap; }
        th { position: sticky; top: 0; background: Canvas; }
        tr.added td { background: var(--add); }
        tr.removed td { background: var(--remove); }
        td.changed { background: var(--change); }
        td.col-added, th.col-added { background: var(--add); }
        td.col-removed, th.col-removed { background: var(--remove); text-decoration: line-through; }
        del { color: #cf222e; } ins { color: #1a7f37; text-decoration: none; }
        .action { color: var(--muted); }
        .notices { color: var(--muted); }
        """;

    public void Write(DiffResult result, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var title = $"{result.Left.Name} → {result.Right.Name}";
        writer.WriteLine("<!DOCTYPE html>");
        writer.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        writer.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        writer.WriteLine($"<title>csvdiff: {HtmlText.Escape(title)}</title>");
        writer.WriteLine($"<style>{Style}</style></head><body>");
        writer.WriteLine($"<h1>{HtmlText.Escape(title)}</h1>");
        writer.WriteLine($"<p>{HtmlText.Escape(SummaryDiffWriter.Counts(result))}</p>");
        foreach (var line in SummaryDiffWriter.SchemaLines(result))
        {
            writer.WriteLine($"<p>{HtmlText.Escape(line)}</p>");
        }
        if (result.Notices.Count > 0)
        {
            writer.WriteLine("<ul class=\"notices\">");
            foreach (var notice in result.Notices)
            {
                writer.WriteLine($"<li>{HtmlText.Escape(notice)}</li>");
            }
            writer.WriteLine("</ul>");
        }
        WriteTable(writer, result);
        writer.WriteLine("</body></html>");
    }

    private static void WriteTable(StreamWriter writer, DiffResult result)
    {
        var table = HighlighterTable.For(result);
        writer.WriteLine("<table>");
        foreach (var row in table.Rows(result))
        {
            var isHead = row.Action is HighlighterTable.HeaderTag or HighlighterTable.SchemaTag;
            var cellTag = isHead ? "th" : "td";
            var rowClass = row.Type switch
            {
                RowChangeType.Added => " class=\"added\"",
                RowChangeType.Removed => " class=\"removed\"",
                RowChangeType.Modified => " class=\"modified\"",
                _ => "",
            };
            // Written a piece at a time, not as a string per cell first: the table lists up to a million rows.
            writer.Write("<tr");
            writer.Write(rowClass);
            writer.Write('>');
            WriteCell(writer, cellTag, " class=\"action\"", row.Action);
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var cell = row.Cells[i];
                var columnClass = table.Columns[i].Kind switch
                {
                    SlotKind.Added => "col-added",
                    SlotKind.Removed => "col-removed",
                    _ => null,
                };
                if (cell.Kind == CellKind.Changed)
                {
                    writer.Write(columnClass is null ? "<td class=\"changed\"><del>" : $"<td class=\"changed {columnClass}\"><del>");
                    writer.Write(HtmlText.Escape(cell.OldValue!));
                    writer.Write("</del> → <ins>");
                    writer.Write(HtmlText.Escape(cell.NewValue!));
                    writer.Write("</ins></td>");
                }
                else
                {
                    WriteCell(writer, cellTag, columnClass is null ? "" : $" class=\"{columnClass}\"", cell.Text);
                }
            }
            writer.WriteLine("</tr>");
        }
        writer.WriteLine("</table>");
        writer.WriteLine($"<p class=\"notices\">{result.Rows.Count.ToString(CultureInfo.InvariantCulture)} rows shown.</p>");
    }

    private static void WriteCell(StreamWriter writer, string tag, string attributes, string text)
    {
        writer.Write('<');
        writer.Write(tag);
        writer.Write(attributes);
        writer.Write('>');
        writer.Write(HtmlText.Escape(text));
        writer.Write("</");
        writer.Write(tag);
        writer.Write('>');
    }
}
