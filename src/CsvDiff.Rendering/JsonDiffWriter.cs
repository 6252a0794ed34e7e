// Writes the JSON contract (version 1): the machine-readable form of DiffResult that scripts and the viewer's export rely on.
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CsvDiff.Rendering;

internal sealed class JsonDiffWriter : IDiffWriter
{
    // The writer holds what it wrote until flushed: held whole, a million rows' JSON grew one buffer by doubling, each copy
    // into fresh memory, before a byte reached the output.
    private const int FlushBytes = 64 * 1024;

    public void Write(DiffResult result, Stream output)
    {
        // Relaxed escaping keeps non-ASCII text readable; the output is a JSON file, never inlined into HTML.
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteNumber("version", 1);
        json.WriteString("mode", result.Mode == DiffMode.Key ? "key" : "content");
        WriteStrings(json, "key", result.Key);
        WriteTable(json, "left", result.Left);
        WriteTable(json, "right", result.Right);

        json.WriteStartObject("columns");
        WriteStrings(json, "left", result.Columns.Left);
        WriteStrings(json, "right", result.Columns.Right);
        WriteStrings(json, "added", result.Columns.Added);
        WriteStrings(json, "removed", result.Columns.Removed);
        json.WriteStartArray("renamed");
        foreach (var rename in result.Columns.Renamed)
        {
            json.WriteStartObject();
            json.WriteString("from", rename.From);
            json.WriteString("to", rename.To);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteStrings(json, "reordered", result.Columns.Reordered);
        WriteStrings(json, "compared", result.Columns.Compared);
        json.WriteEndObject();

        json.WriteStartObject("summary");
        json.WriteNumber("added", result.Summary.Added);
        json.WriteNumber("removed", result.Summary.Removed);
        json.WriteNumber("modified", result.Summary.Modified);
        json.WriteNumber("unchanged", result.Summary.Unchanged);
        json.WriteEndObject();

        json.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            WriteRow(json, row, result);
            if (json.BytesPending >= FlushBytes)
            {
                json.Flush();
            }
        }
        json.WriteEndArray();
        WriteStrings(json, "notices", result.Notices);
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteRow(Utf8JsonWriter json, RowDiff row, DiffResult result)
    {
        json.WriteStartObject();
        json.WriteString("type", row.Type switch
        {
            RowChangeType.Added => "added",
            RowChangeType.Removed => "removed",
            RowChangeType.Modified => "modified",
            _ => "unchanged",
        });
        WriteStrings(json, "key", row.Key);
        if (row.LeftLine is { } leftLine)
        {
            json.WriteNumber("leftLine", leftLine);
        }
        if (row.RightLine is { } rightLine)
        {
            json.WriteNumber("rightLine", rightLine);
        }
        if (row.Moved)
        {
            json.WriteBoolean("moved", true);
        }
        if (row.Type is RowChangeType.Removed or RowChangeType.Unchanged && row.LeftValues is { } left)
        {
            WriteValues(json, "left", result.Columns.Left, left);
        }
        // Cells of added columns are in no change, so a modified row carries its whole right side when there are any.
        var carriesRight = row.Type is RowChangeType.Added or RowChangeType.Unchanged
            || (row.Type == RowChangeType.Modified && result.Columns.Added.Count > 0);
        if (carriesRight && row.RightValues is { } right)
        {
            WriteValues(json, "right", result.Columns.Right, right);
        }
        if (row.Type == RowChangeType.Modified)
        {
            json.WriteStartArray("changes");
            foreach (var change in row.Changes)
            {
                json.WriteStartObject();
                json.WriteString("column", change.Column);
                json.WriteString("old", change.OldValue);
                json.WriteString("new", change.NewValue);
                if (change.Segments is { } segments)
                {
                    json.WriteStartArray("segments");
                    foreach (var segment in segments)
                    {
                        json.WriteStartObject();
                        json.WriteString("op", segment.Kind switch
                        {
                            SegmentKind.Equal => "equal",
                            SegmentKind.Deleted => "delete",
                            _ => "insert",
                        });
                        json.WriteString("text", segment.Text);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteTable(Utf8JsonWriter json, string name, TableInfo table)
    {
        json.WriteStartObject(name);
        json.WriteString("name", table.Name);
        json.WriteString("encoding", table.Encoding switch
        {
            TextEncoding.Utf8 => "utf-8",
            TextEncoding.Utf8Bom => "utf-8-bom",
            TextEncoding.Utf16LittleEndian => "utf-16le",
            TextEncoding.Utf16BigEndian => "utf-16be",
            _ => "windows-1252",
        });
        json.WriteString("delimiter", table.Delimiter.ToString());
        json.WriteBoolean("header", table.HasHeader);
        json.WriteNumber("rows", table.RowCount);
        json.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter json, string name, IReadOnlyList<string> columns, IReadOnlyList<string> values)
    {
        json.WriteStartObject(name);
        for (var i = 0; i < columns.Count; i++)
        {
            json.WriteString(columns[i], values[i]);
        }
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
