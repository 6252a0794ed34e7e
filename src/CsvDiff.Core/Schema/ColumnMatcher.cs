// Matches the two headers by name and resolves the key, ignored and only-these columns against them.
using System.Globalization;
using CsvDiff.Internals;
using CsvDiff.Reading;

namespace CsvDiff.Schema;

internal static class ColumnMatcher
{
    public static ColumnPlan Match(TableHeader left, TableHeader right, DiffOptions options)
    {
        var leftIndex = IndexByName(left.Columns);
        var rightIndex = IndexByName(right.Columns);
        // An empty file is a table with no columns and no rows: nothing in it can be named, and no row can pair with it, so
        // names are checked against the other table only, and its rows are all added (or removed) without a key.
        var anEmptyTable = left.Columns.Length == 0 || right.Columns.Length == 0;
        var keyNames = options.Key.Select(k => ResolveKey(k, left, right, leftIndex, rightIndex)).ToArray();
        var ignored = ResolveNames(options.IgnoreColumns, left, right, leftIndex, rightIndex, requireBoth: false, "to ignore");
        var only = ResolveNames(options.OnlyColumns, left, right, leftIndex, rightIndex, requireBoth: !anEmptyTable, "to compare");
        foreach (var key in keyNames)
        {
            if (ignored.Contains(key))
            {
                throw new CsvDiffException($"column \"{key}\" cannot be both a key and ignored");
            }
        }
        bool Considered(string name) => !ignored.Contains(name) && (only.Count == 0 || only.Contains(name) || keyNames.Contains(name));

        var compared = new List<ComparedColumn>();
        for (var r = 0; r < right.Columns.Length; r++)
        {
            var name = right.Columns[r];
            if (Considered(name) && leftIndex.TryGetValue(name, out var l))
            {
                compared.Add(new ComparedColumn(name, l, r));
            }
        }
        var comparedArray = compared.ToArray();
        return new ColumnPlan
        {
            LeftColumns = left.Columns,
            RightColumns = right.Columns,
            Compared = comparedArray,
            KeyPositions = anEmptyTable ? [] : keyNames.Select(k => Array.FindIndex(comparedArray, c => c.Name == k)).ToArray(),
            Added = Enumerable.Range(0, right.Columns.Length)
                .Where(r => Considered(right.Columns[r]) && !leftIndex.ContainsKey(right.Columns[r])).ToArray(),
            Removed = Enumerable.Range(0, left.Columns.Length)
                .Where(l => Considered(left.Columns[l]) && !rightIndex.ContainsKey(left.Columns[l])).ToArray(),
            Renamed = [],
            Reordered = Reordered(left.Columns, rightIndex, Considered),
        };
    }

    private static Dictionary<string, int> IndexByName(string[] columns)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            index[columns[i]] = i;
        }
        return index;
    }

    // A key is a header name, or failing that a 1-based position in the left table (the right one when the left is empty).
    private static string ResolveKey(string key, TableHeader left, TableHeader right, Dictionary<string, int> leftIndex, Dictionary<string, int> rightIndex)
    {
        if (left.Columns.Length == 0)
        {
            return right.Columns.Length == 0 ? key : ResolveKey(key, right, left, rightIndex, leftIndex);
        }
        var name = key;
        if (!leftIndex.ContainsKey(key))
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position < 1 || position > left.Columns.Length)
            {
                throw new CsvDiffException($"key column \"{key}\" is not in {left.Name} (its columns: {CsvTable.Describe(left.Columns)})");
            }
            name = left.Columns[position - 1];
        }
        if (!rightIndex.ContainsKey(name) && right.Columns.Length > 0)
        {
            throw new CsvDiffException($"key column \"{name}\" is not in {right.Name} (its columns: {CsvTable.Describe(right.Columns)})");
        }
        return name;
    }

    private static HashSet<string> ResolveNames(IReadOnlyList<string> names, TableHeader left, TableHeader right,
        Dictionary<string, int> leftIndex, Dictionary<string, int> rightIndex, bool requireBoth, string purpose)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var inLeft = leftIndex.ContainsKey(name);
            var inRight = rightIndex.ContainsKey(name);
            if (requireBoth && !(inLeft && inRight))
            {
                var missing = inLeft ? right : left;
                throw new CsvDiffException($"column \"{name}\" {purpose} is not in {missing.Name} (its columns: {CsvTable.Describe(missing.Columns)})");
            }
            if (!inLeft && !inRight)
            {
                throw new CsvDiffException($"column \"{name}\" {purpose} is in neither {left.Name} nor {right.Name}");
            }
            set.Add(name);
        }
        return set;
    }

    // The shared columns that keep their relative order form the longest increasing run of right positions; the rest moved.
    private static string[] Reordered(string[] leftColumns, Dictionary<string, int> rightIndex, Func<string, bool> considered)
    {
        var shared = leftColumns.Where(c => considered(c) && rightIndex.ContainsKey(c)).ToArray();
        var positions = shared.Select(c => rightIndex[c]).ToArray();
        var kept = LongestIncreasing.Members(positions);
        return shared.Where((_, i) => !kept[i]).OrderBy(c => rightIndex[c]).ToArray();
    }
}
