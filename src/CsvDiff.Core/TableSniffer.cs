// A quick look at an input's first bytes: enough to show its delimiter, encoding, header and size at once, without parsing it all.
using CsvDiff.Reading;

namespace CsvDiff;

/// <summary>What a quick look at the start of an input shows.</summary>
/// <param name="Encoding">The encoding the bytes appear to be in.</param>
/// <param name="Delimiter">The delimiter given or detected.</param>
/// <param name="Columns">The header's column names (or 1..N without a header).</param>
/// <param name="EstimatedRows">Data rows: counted exactly when the whole input was looked at, else estimated from the sample.</param>
/// <param name="IsExact">Whether <paramref name="EstimatedRows"/> is a count rather than an estimate.</param>
/// <param name="SuggestedKeys">Columns whose values are unique within the sample, identifier-like names first: candidates for a key.</param>
/// <param name="Problem">Why the sample cannot be read as CSV, or null.</param>
public sealed record TableSniff(TextEncoding Encoding, char Delimiter, IReadOnlyList<string> Columns, long EstimatedRows, bool IsExact,
    IReadOnlyList<string> SuggestedKeys, string? Problem);

/// <summary>Looks at the start of an input.</summary>
public static class TableSniffer
{
    /// <summary>How many bytes a sniff reads at most: what delimiter detection reads, so that a sniff and a read agree.</summary>
    public const int SampleBytes = Reading.DelimiterDetector.SampleBytes;

    /// <summary>Sniffs <paramref name="head"/>, the first bytes of an input of <paramref name="totalBytes"/> bytes.</summary>
    public static TableSniff Sniff(string name, ReadOnlyMemory<byte> head, long totalBytes, CsvFormat format) =>
        Sniff(name, head, totalBytes, format, suggestKeys: true);

    /// <summary>
    /// A sniff without the candidates for a key: what a reader settles before it reads (the delimiter, the columns). The
    /// candidates cost more than the rest together, since each of the sample's values is taken as a string and remembered.
    /// </summary>
    internal static TableSniff Glance(string name, ReadOnlyMemory<byte> head, long totalBytes, CsvFormat format) =>
        Sniff(name, head, totalBytes, format, suggestKeys: false);

    private static TableSniff Sniff(string name, ReadOnlyMemory<byte> head, long totalBytes, CsvFormat format, bool suggestKeys)
    {
        var sample = head[..(int)Math.Min(head.Length, SampleBytes)];
        var whole = sample.Length >= totalBytes;
        try
        {
            var table = TableReader.Read(new TableInput(name, whole ? sample : CutAtLastLineBreak(sample)), format with { AllowRagged = true }, null, default);
            var rows = whole || table.RowCount == 0 || sample.Length == 0
                ? table.RowCount
                : (long)Math.Round((double)table.RowCount * totalBytes / sample.Length);
            return new TableSniff(table.Encoding, (char)table.Tokenizer.Delimiter, table.Columns, rows, whole, suggestKeys ? UniqueColumns(table) : [], null);
        }
        catch (CsvDiffException e)
        {
            return new TableSniff(TextEncoding.Utf8, format.Delimiter ?? ',', [], 0, false, [], e.Message);
        }
    }

    /// <summary>
    /// The key a viewer can preselect for two sniffed inputs, as <c>--key auto</c> would choose it: the first column unique in
    /// both samples, identifier-like names first. When a sample is not the whole input, only an identifier-like column is
    /// offered, since a column that merely happens to be unique in the first rows (a date, a name) is no key. Null: none.
    /// </summary>
    public static string? LikelyKey(TableSniff left, TableSniff right)
    {
        var inRight = right.SuggestedKeys.ToHashSet(StringComparer.Ordinal);
        var whole = left.IsExact && right.IsExact;
        return left.SuggestedKeys.FirstOrDefault(c => inRight.Contains(c) && (whole || Alignment.KeyFinder.LooksLikeIdentifier(c)));
    }

    private static List<string> UniqueColumns(CsvTable table)
    {
        var seen = table.Columns.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        var unique = Enumerable.Repeat(table.RowCount > 0, table.Columns.Length).ToArray();
        var fields = new FieldList();
        var scratch = new byte[256];
        for (var row = 0; row < table.RowCount; row++)
        {
            var values = table.GetRowValues(row, fields, ref scratch);
            for (var column = 0; column < values.Length; column++)
            {
                unique[column] &= seen[column].Add(values[column]);
            }
        }
        return table.Columns.Where((_, i) => unique[i])
            .OrderBy(c => Alignment.KeyFinder.LooksLikeIdentifier(c) ? 0 : 1)
            .ToList();
    }

    // A sample cut mid-record would end in a broken record, so it ends at the last line break outside quotes (quotes counted
    // from the start, which fits well-formed CSV; a malformed sample still fails, and the caller reports it).
    private static ReadOnlyMemory<byte> CutAtLastLineBreak(ReadOnlyMemory<byte> sample)
    {
        var span = sample.Span;
        // In UTF-16 little endian a line break is two bytes, the zero after it included.
        var littleEndianUtf16 = span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || (span.Length > 1 && span[1] == 0 && span[0] != 0);
        var quotes = 0;
        var cut = -1;
        for (var i = 0; i < span.Length; i++)
        {
            quotes += span[i] == '"' ? 1 : 0;
            if (CsvTokenizer.IsLineBreak(span[i]) && quotes % 2 == 0)
            {
                cut = i;
            }
        }
        return cut <= 0 ? sample : sample[..Math.Min(sample.Length, cut + (littleEndianUtf16 ? 2 : 1))];
    }

    /// <summary>
    /// Where the header record ends in an input's first bytes: after the first line feed outside quotes that follows a line
    /// with something on it; 0 when the bytes hold no whole header record. A host that cuts an input into shards for
    /// <see cref="Sharding.ShardedDiff"/> puts this much in front of every shard but the first (the viewer's JavaScript
    /// follows the same rule, and a test holds the two together).
    /// </summary>
    /// <param name="bytes">The input's first bytes.</param>
    public static int HeaderEnd(ReadOnlySpan<byte> bytes)
    {
        var quotes = 0;
        var content = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            quotes += bytes[i] == '"' ? 1 : 0;
            if (bytes[i] == '\n' && quotes % 2 == 0 && content)
            {
                return i + 1;
            }
            content |= bytes[i] is not ((byte)'\n' or (byte)'\r');
        }
        return 0;
    }
}
