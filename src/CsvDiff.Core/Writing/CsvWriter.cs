// Writes records as CSV: what patch and merge produce, and the highlighter format's fields.
namespace CsvDiff.Writing;

/// <summary>Writes CSV records, quoting a field only when it holds the delimiter, a quote or a line break.</summary>
public static class CsvWriter
{
    /// <summary>Writes one field, quoted when it must be.</summary>
    public static void WriteField(TextWriter writer, string value, char delimiter = ',')
    {
        var span = value.AsSpan();
        if (span.IndexOfAny('"', '\r', '\n') < 0 && span.IndexOf(delimiter) < 0)
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>Writes <paramref name="fields"/> as one record followed by <paramref name="newLine"/>.</summary>
    public static void WriteRecord(TextWriter writer, IReadOnlyList<string> fields, char delimiter = ',', string newLine = "\n")
    {
        if (fields is [{ Length: 0 }])
        {
            // A lone empty field would be a blank line, which readers skip.
            writer.Write("\"\"");
        }
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(delimiter);
            }
            WriteField(writer, fields[i], delimiter);
        }
        writer.Write(newLine);
    }
}
