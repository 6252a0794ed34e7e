// A deliberately simple diff to check the engine against: whole strings, dictionaries and lists, no hashing, no partitions.
using System.Globalization;
using System.Text.RegularExpressions;

namespace CsvDiff.Tests.Properties;

internal sealed record ReferenceRow(string Type, string[] Key, string[]? Left, string[]? Right, (string Column, string Old, string New)[] Changes);

internal static partial class ReferenceDiff
{
    /// <summary>Canonical form of a value under the options, written independently of the engine's normalizer.</summary>
    public static string Canon(string value, ValueComparison options)
    {
        if (options.CollapseWhitespace)
        {
            value = Whitespace().Replace(value.Trim(), " ");
        }
        else if (options.Trim)
        {
            value = value.Trim();
        }
        if (options.IgnoreCase)
        {
            value = value.ToUpperInvariant();
        }
        if (options.EmptyEqualsNull && options.NullTokens.Any(t => string.Equals(Canon(t, options with { EmptyEqualsNull = false, Numeric = false }), value, StringComparison.Ordinal)))
        {
            return "";
        }
        if (options.Numeric && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number == 0 ? "0" : number.ToString("G29", CultureInfo.InvariantCulture);
        }
        return value;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Keyed diff of tables with the same header; duplicate keys pair by occurrence.</summary>
    public static List<ReferenceRow> Keyed(string[] header, List<string[]> left, List<string[]> right, int[] keyColumns, ValueComparison options)
    {
        string KeyOf(string[] row) => string.Join("\u0001", keyColumns.Select(k => Canon(row[k], options)));
        var unpairedLeft = left.GroupBy(KeyOf).ToDictionary(g => g.Key, g => new Queue<string[]>(g));
        var result = new List<ReferenceRow>();
        foreach (var row in right)
        {
            if (unpairedLeft.TryGetValue(KeyOf(row), out var queue) && queue.Count > 0)
            {
                var old = queue.Dequeue();
                var changes = Enumerable.Range(0, header.Length)
                    .Where(c => Canon(old[c], options) != Canon(row[c], options))
                    .Select(c => (header[c], old[c], row[c]))
                    .ToArray();
                result.Add(new ReferenceRow(changes.Length > 0 ? "modified" : "unchanged", keyColumns.Select(k => old[k]).ToArray(), old, row, changes));
            }
            else
            {
                result.Add(new ReferenceRow("added", keyColumns.Select(k => row[k]).ToArray(), null, row, []));
            }
        }
        result.AddRange(unpairedLeft.Values.SelectMany(q => q).Select(row => new ReferenceRow("removed", keyColumns.Select(k => row[k]).ToArray(), row, null, [])));
        return result;
    }

    /// <summary>Content diff that pairs only rows equal in every column: the multiset difference.</summary>
    public static List<ReferenceRow> ExactContent(List<string[]> left, List<string[]> right, ValueComparison options) =>
        Keyed(left.FirstOrDefault()?.Select(_ => "").ToArray() ?? [], left, right, Enumerable.Range(0, left.FirstOrDefault()?.Length ?? 0).ToArray(), options)
            .Select(r => r with { Key = [] })
            .ToList();
}
