// Writes tables as CSV in the styles real exporters use, so tests can feed the engine varied but known bytes.
using System.Text;

namespace CsvDiff.Tests.Support;

internal sealed record CsvStyle(char Delimiter = ',', string NewLine = "\n", bool QuoteAll = false, bool Bom = false, bool FinalNewLine = true)
{
    public static CsvStyle Default { get; } = new();
}

internal static class CsvText
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, CsvStyle? style = null) =>
        Write([header, .. rows], style);

    public static string Write(IEnumerable<IReadOnlyList<string>> records, CsvStyle? style = null)
    {
        style ??= CsvStyle.Default;
        var text = new StringBuilder();
        var first = true;
        foreach (var record in records)
        {
            if (!first)
            {
                text.Append(style.NewLine);
            }
            first = false;
            for (var i = 0; i < record.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(style.Delimiter);
                }
                text.Append(Field(record[i], style, record.Count == 1));
            }
        }
        if (!first && style.FinalNewLine)
        {
            text.Append(style.NewLine);
        }
        return text.ToString();
    }

    // A record holding one empty field must be quoted, or it would read as a blank line.
    private static string Field(string value, CsvStyle style, bool onlyField)
    {
        var needsQuotes = style.QuoteAll || (onlyField && value.Length == 0)
            || value.Contains(style.Delimiter) || value.Contains('"') || value.Contains('\n') || value.Contains('\r');
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static TableInput Input(string name, string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new TableInput(name, bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
    }
}
