// A three-way merge of tables at cell level: rows are matched by key across base, ours and theirs, and each cell merged on its own.
using CsvDiff.Reading;
using CsvDiff.Writing;

namespace CsvDiff.Merging;

/// <summary>One cell that ours and theirs changed in different ways, or that one side changed in a row the other removed.</summary>
/// <param name="Key">The row's key values.</param>
/// <param name="Column">The column.</param>
/// <param name="Base">The value in the base table, or null where the base has no such cell.</param>
/// <param name="Ours">Our value, or null where ours has no such cell (the row or column was removed).</param>
/// <param name="Theirs">Their value, likewise.</param>
public sealed record MergeConflict(IReadOnlyList<string> Key, string Column, string? Base, string? Ours, string? Theirs);

/// <summary>The merged table, written in our table's form, with conflicts marked in their cells and listed.</summary>
public sealed record MergeResult(CsvDocument Table, IReadOnlyList<string> Key, IReadOnlyList<MergeConflict> Conflicts);

/// <summary>Merges two tables that both changed a common base.</summary>
public static class TableMerge
{
    /// <summary>
    /// How a conflicting cell is written: daff's notation, <c>((( base ))) ours /// theirs</c>. A side that removed the row
    /// shows <see cref="RemovedRow"/> in place of its value.
    /// </summary>
    public static string ConflictCell(string? baseValue, string? ours, string? theirs) =>
        $"((( {baseValue ?? ""} ))) {ours ?? RemovedRow} /// {theirs ?? RemovedRow}";

    // Where rows go that come before every row of ours; no row key is empty, since each starts with a separator.
    private const string Top = "";

    /// <summary>What a conflict cell shows for a side that removed the row.</summary>
    public const string RemovedRow = "(row removed)";

    /// <summary>
    /// Merges <paramref name="ours"/> and <paramref name="theirs"/>, both changed from <paramref name="common"/>. Rows are matched
    /// by <paramref name="key"/>, or by the key <c>--key auto</c> chooses when it is empty. A change on one side applies; the same
    /// change on both applies once; different changes to one cell, or a change on one side to a row the other removed, conflict.
    /// Columns added or removed on either side are added or removed. Rows keep our order; rows only theirs has go after the row
    /// before them in theirs.
    /// </summary>
    /// <exception cref="CsvDiffException">An input is not CSV, a key column is missing, or a key repeats.</exception>
    public static MergeResult Merge(TableInput common, TableInput ours, TableInput theirs, IReadOnlyList<string> key, CsvFormat format,
        CancellationToken cancellation = default)
    {
        var tables = new[] { common, ours, theirs }.Select(t => new Side(t.Name, CsvDocument.Read(t, format, cancellation))).ToArray();
        var keyNames = key.Count > 0 ? key : ChooseKey(common, ours, theirs, tables, format, cancellation);
        foreach (var side in tables)
        {
            side.Index(keyNames);
        }
        var (b, o, t) = (tables[0], tables[1], tables[2]);
        var columns = MergeColumns(b.Table.Columns, o.Table.Columns, t.Table.Columns);
        var conflicts = new List<MergeConflict>();

        string[]? MergeRow(string rowKey, string[] keyValues)
        {
            var (inBase, inOurs, inTheirs) = (b.Row(rowKey), o.Row(rowKey), t.Row(rowKey));
            if (inOurs is null || inTheirs is null)
            {
                var (keeper, kept) = inOurs is null ? (t, inTheirs) : (o, inOurs);
                if (inBase is null)
                {
                    return kept is null ? null : columns.Select(c => keeper.Cell(kept, c) ?? "").ToArray();
                }
                if (kept is null || columns.All(c => keeper.Cell(kept, c) == b.Cell(inBase, c) || b.Cell(inBase, c) is null))
                {
                    return null;
                }
                // One side removed the row, the other changed it: kept, with each changed cell marked.
                return columns.Select(c =>
                {
                    var (was, now) = (b.Cell(inBase, c), keeper.Cell(kept, c));
                    if (now == was || was is null)
                    {
                        return now ?? "";
                    }
                    var (mine, yours) = inOurs is null ? (null, now) : (now, (string?)null);
                    conflicts.Add(new MergeConflict(keyValues, c, was, mine, yours));
                    return ConflictCell(was, mine, yours);
                }).ToArray();
            }
            return columns.Select(c =>
            {
                var (was, mine, yours) = (inBase is null ? null : b.Cell(inBase, c), o.Cell(inOurs, c), t.Cell(inTheirs, c));
                if (mine == yours || yours == was || yours is null)
                {
                    return mine ?? "";
                }
                if (mine == was || mine is null)
                {
                    return yours;
                }
                conflicts.Add(new MergeConflict(keyValues, c, was, mine, yours));
                return ConflictCell(was, mine, yours);
            }).ToArray();
        }

        var rows = new List<string[]>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var afterRow = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // Rows only theirs (or base) still has go after the nearest row before them in theirs that the result shows.
        var previous = Top;
        foreach (var rowKey in t.Keys.Concat(b.Keys.Where(k => t.Row(k) is null)))
        {
            if (o.Row(rowKey) is null)
            {
                if (!afterRow.TryGetValue(previous, out var list))
                {
                    afterRow[previous] = list = [];
                }
                list.Add(rowKey);
            }
            else
            {
                previous = rowKey;
            }
        }
        void EmitFollowers(string rowKey)
        {
            foreach (var follower in afterRow.GetValueOrDefault(rowKey, []))
            {
                EmitRow(follower, t.Row(follower) is null ? b : t);
            }
        }
        void EmitRow(string rowKey, Side from)
        {
            cancellation.ThrowIfCancellationRequested();
            if (placed.Add(rowKey) && MergeRow(rowKey, from.KeyValues(rowKey)) is { } row)
            {
                rows.Add(row);
            }
            EmitFollowers(rowKey);
        }
        EmitFollowers(Top);
        foreach (var rowKey in o.Keys)
        {
            EmitRow(rowKey, o);
        }
        return new MergeResult(new CsvDocument(columns, rows, o.Table.Form), keyNames, conflicts);
    }

    // Ours' columns, less those theirs removed, with those theirs added placed after the column before them in theirs.
    private static string[] MergeColumns(IReadOnlyList<string> common, IReadOnlyList<string> ours, IReadOnlyList<string> theirs)
    {
        var result = ours.Where(c => !common.Contains(c) || theirs.Contains(c)).ToList();
        for (var i = 0; i < theirs.Count; i++)
        {
            var column = theirs[i];
            if (result.Contains(column) || common.Contains(column))
            {
                continue;
            }
            var at = 0;
            for (var before = i - 1; before >= 0; before--)
            {
                if (result.IndexOf(theirs[before]) is var position and >= 0)
                {
                    at = position + 1;
                    break;
                }
            }
            result.Insert(at, column);
        }
        return [.. result];
    }

    // The key `--key auto` picks for base and ours, if theirs holds it unique too; else the one it picks for base and theirs.
    private static IReadOnlyList<string> ChooseKey(TableInput common, TableInput ours, TableInput theirs, Side[] sides, CsvFormat format,
        CancellationToken cancellation)
    {
        var options = new DiffOptions { AutoKey = true, Csv = format };
        foreach (var (other, check) in new[] { (ours, sides[2]), (theirs, sides[1]) })
        {
            var chosen = TableDiff.Compare(common, other, options, new DiffExecution { Cancellation = cancellation }).Key;
            if (chosen.Count > 0 && check.IsUnique(chosen))
            {
                return chosen;
            }
        }
        throw new CsvDiffException("no column or pair of columns is unique in all three tables; name the key with --key");
    }

    private sealed class Side(string name, CsvDocument table)
    {
        private readonly Dictionary<string, int> _columns = table.Columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        private readonly Dictionary<string, string[]> _rows = new(StringComparer.Ordinal);
        private int[] _key = [];

        public CsvDocument Table => table;

        public List<string> Keys { get; } = [];

        public bool IsUnique(IReadOnlyList<string> key) =>
            key.All(_columns.ContainsKey) && table.Rows.Select(r => Join(key.Select(k => r[_columns[k]]))).Distinct(StringComparer.Ordinal).Count() == table.Rows.Count;

        public void Index(IReadOnlyList<string> key)
        {
            _key = key.Select(k => _columns.TryGetValue(k, out var c) || table.Columns.Count == 0 ? c
                : throw new CsvDiffException($"key column \"{k}\" is not in {name} (its columns: {CsvTable.Describe(table.Columns)})", name)).ToArray();
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var rowKey = Join(_key.Select(c => table.Rows[r][c]));
                if (!_rows.TryAdd(rowKey, table.Rows[r]))
                {
                    throw new CsvDiffException($"key {string.Join(", ", key)} = {string.Join(", ", _key.Select(c => table.Rows[r][c]))} repeats: a merge matches rows by a unique key", name, table.Lines[r]);
                }
                Keys.Add(rowKey);
            }
        }

        public string[]? Row(string rowKey) => _rows.GetValueOrDefault(rowKey);

        public string[] KeyValues(string rowKey) => [.. _key.Select(c => _rows[rowKey][c])];

        public string? Cell(string[] row, string column) => _columns.TryGetValue(column, out var c) ? row[c] : null;

        // A separator no CSV cell is likely to hold, so that ("a,b", "c") and ("a", "b,c") stay apart.
        private static string Join(IEnumerable<string> values) => "\u001f" + string.Join("\u001f", values);
    }
}
