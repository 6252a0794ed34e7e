// A diff file read back into the result model, so that a viewer shows a saved diff as it shows a fresh one.
namespace CsvDiff.Patching;

/// <summary>Reads a diff file (csvdiff's or daff's highlighter CSV, or csvdiff's JSON) back into a <see cref="DiffResult"/>.</summary>
public static class DiffFile
{
    /// <summary>
    /// The result <paramref name="diff"/> describes. It holds what the file holds: rows a diff leaves out are not there (the
    /// summary counts the rows it lists), and a JSON diff's changed rows carry only their changed cells and key.
    /// </summary>
    /// <exception cref="CsvDiffException">The file is not a diff in either format.</exception>
    public static DiffResult Read(TableInput diff, CancellationToken cancellation = default)
    {
        var document = DiffDocument.Read(diff, cancellation);
        var right = document.Columns.Select(c => c.Name).ToArray();
        var left = document.BaseColumns;
        var rows = new List<RowDiff>();
        foreach (var edit in document.Rows)
        {
            string[]? leftValues = edit.Kind == EditKind.Add ? null : [.. left.Select(c => edit.Expected.GetValueOrDefault(c, ""))];
            string[]? rightValues = edit.Kind == EditKind.Remove ? null : [.. document.Columns.Select(c =>
                edit.Assigned.TryGetValue(c.Name, out var value) ? value : c.From is { } from ? edit.Expected.GetValueOrDefault(from, "") : "")];
            var changes = edit.Kind != EditKind.Change ? [] : document.Columns
                .Where(c => c.From is { } from && edit.Expected.ContainsKey(from) && edit.Assigned.ContainsKey(c.Name) && edit.Expected[from] != edit.Assigned[c.Name])
                .Select(c => new CellChange(c.Name, edit.Expected[c.From!], edit.Assigned[c.Name], null))
                .ToList();
            var type = edit.Kind switch
            {
                EditKind.Add => RowChangeType.Added,
                EditKind.Remove => RowChangeType.Removed,
                EditKind.Change when changes.Count > 0 => RowChangeType.Modified,
                _ => RowChangeType.Unchanged,
            };
            rows.Add(new RowDiff(type, edit.Key, edit.BaseLine, edit.NewLine, leftValues, rightValues, changes) { Moved = edit.Moved });
        }
        var resultColumns = document.Columns;
        var used = resultColumns.Select(c => c.From).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var schema = new SchemaDiff(left, right,
            [.. resultColumns.Where(c => c.From is null).Select(c => c.Name)],
            [.. left.Where(c => !used.Contains(c))],
            [.. resultColumns.Where(c => c.From is { } from && from != c.Name).Select(c => new ColumnRename(c.From!, c.Name))],
            document.Reordered,
            [.. resultColumns.Where(c => c.From is not null).Select(c => c.Name)]);
        var summary = new DiffSummary(rows.Count(r => r.Type == RowChangeType.Added), rows.Count(r => r.Type == RowChangeType.Removed),
            rows.Count(r => r.Type == RowChangeType.Modified), rows.Count(r => r.Type == RowChangeType.Unchanged));
        TableInfo Info(string side, IReadOnlyList<string> columns, int count) =>
            new($"{diff.Name} ({side})", TextEncoding.Utf8, ',', document.HasHeader ?? true, columns, count);
        return new DiffResult(document.Key.Count > 0 ? DiffMode.Key : DiffMode.Content, document.Key,
            Info("old", left, rows.Count(r => r.LeftValues is not null)), Info("new", right, rows.Count(r => r.RightValues is not null)),
            schema, summary, rows, [$"Read from the diff file {diff.Name}: it lists the rows it changed and those around them, not the whole tables."]);
    }
}
