// Lays a diff out as one table in the highlighter format (action column, header, schema row, rows): the shape both the CSV and HTML writers print.
namespace CsvDiff.Rendering;

/// <summary>How a column of the diff table relates the two tables.</summary>
public enum SlotKind
{
    Shared,
    Added,
    Removed,
    Renamed,
}

/// <summary>One column of the diff table; <see cref="Left"/> and <see cref="Right"/> are the column's index on each side.</summary>
public sealed record ColumnSlot(string Name, int? Left, int? Right, SlotKind Kind, string? OldName, bool Reordered);

/// <summary>How a cell of the diff table is to be shown.</summary>
public enum CellKind
{
    Plain,
    Changed,
    Added,
    Removed,
}

/// <summary>One cell of the diff table; changed cells carry both values.</summary>
public sealed record HighlighterCell(string Text, CellKind Kind, string? OldValue = null, string? NewValue = null);

/// <summary>One row of the diff table: the action tag, the row's change (null for the header and schema rows) and its cells.</summary>
public sealed record HighlighterRow(string Action, RowChangeType? Type, IReadOnlyList<HighlighterCell> Cells);

/// <summary>The diff laid out as one table, the shape of the highlighter format: what the CSV and HTML writers and the viewer's grid show.</summary>
public sealed class HighlighterTable
{
    public const string HeaderTag = "@@";
    public const string SchemaTag = "!";
    public const string AddedValuesTag = "+";
    public const string MovedTag = ":";

    private HighlighterTable(IReadOnlyList<ColumnSlot> columns) => Columns = columns;

    public IReadOnlyList<ColumnSlot> Columns { get; }

    public bool HasSchemaRow => Columns.Any(c => c.Kind != SlotKind.Shared || c.Reordered);

    public static HighlighterTable For(DiffResult result)
    {
        var schema = result.Columns;
        var leftIndex = Index(schema.Left);
        var renamedFrom = schema.Renamed.ToDictionary(r => r.To, r => r.From, StringComparer.Ordinal);
        var added = schema.Added.ToHashSet(StringComparer.Ordinal);
        var removed = schema.Removed.ToHashSet(StringComparer.Ordinal);
        var reordered = schema.Reordered.ToHashSet(StringComparer.Ordinal);

        var slots = new List<ColumnSlot>();
        for (var r = 0; r < schema.Right.Count; r++)
        {
            var name = schema.Right[r];
            if (renamedFrom.TryGetValue(name, out var from))
            {
                slots.Add(new ColumnSlot(name, leftIndex[from], r, SlotKind.Renamed, from, false));
            }
            else if (leftIndex.TryGetValue(name, out var l))
            {
                slots.Add(new ColumnSlot(name, l, r, SlotKind.Shared, null, reordered.Contains(name)));
            }
            else if (added.Contains(name))
            {
                slots.Add(new ColumnSlot(name, null, r, SlotKind.Added, null, false));
            }
        }
        // A removed column sits after the nearest column to its left on the left side that the table already shows.
        for (var l = 0; l < schema.Left.Count; l++)
        {
            if (!removed.Contains(schema.Left[l]))
            {
                continue;
            }
            var insertAt = 0;
            for (var before = l - 1; before >= 0; before--)
            {
                var position = slots.FindIndex(s => s.Left == before);
                if (position >= 0)
                {
                    insertAt = position + 1;
                    break;
                }
            }
            slots.Insert(insertAt, new ColumnSlot(schema.Left[l], l, null, SlotKind.Removed, null, false));
        }
        return new HighlighterTable(slots);
    }

    /// <summary>The schema row (when columns changed), the header row, then one row per row of the result.</summary>
    public IEnumerable<HighlighterRow> Rows(DiffResult result)
    {
        if (HasSchemaRow)
        {
            yield return new HighlighterRow(SchemaTag, null, Columns.Select(c => new HighlighterCell(c switch
            {
                { Kind: SlotKind.Added } => "+++",
                { Kind: SlotKind.Removed } => "---",
                { Kind: SlotKind.Renamed } => $"({c.OldName})",
                { Reordered: true } => ":",
                _ => "",
            }, CellKind.Plain)).ToArray());
        }
        yield return new HighlighterRow(HeaderTag, null, Columns.Select(c => new HighlighterCell(c.Name, CellKind.Plain)).ToArray());
        foreach (var row in result.Rows)
        {
            yield return DataRow(row);
        }
    }

    /// <summary>One result row laid out over <see cref="Columns"/>.</summary>
    public HighlighterRow DataRow(RowDiff row)
    {
        switch (row.Type)
        {
            case RowChangeType.Added:
                return new HighlighterRow("+++", row.Type, Columns.Select(c => new HighlighterCell(ValueShown(c, row), CellKind.Added)).ToArray());
            case RowChangeType.Removed:
                return new HighlighterRow("---", row.Type, Columns.Select(c => new HighlighterCell(ValueShown(c, row), CellKind.Removed)).ToArray());
            case RowChangeType.Modified:
                var arrow = Arrow(row.Changes);
                return new HighlighterRow(row.Moved ? MovedTag + arrow : arrow, row.Type, Columns.Select(c => ChangeShown(c, row) is { } change
                    ? new HighlighterCell(change.OldValue + arrow + change.NewValue, CellKind.Changed, change.OldValue, change.NewValue)
                    : new HighlighterCell(ValueShown(c, row), c.Right is null ? CellKind.Removed : c.Kind == SlotKind.Added ? CellKind.Added : CellKind.Plain))
                    .ToArray());
            default:
                // daff's "+": the row is the same but for values in added columns, which a patch must still carry; ":" moved it.
                var addsValues = Columns.Any(c => c is { Kind: SlotKind.Added, Right: { } r } && row.RightValues![r].Length > 0);
                return new HighlighterRow(row.Moved ? MovedTag : addsValues ? AddedValuesTag : "", row.Type, Columns.Select(c => new HighlighterCell(
                    ValueShown(c, row), c.Kind == SlotKind.Added ? CellKind.Added : CellKind.Plain)).ToArray());
        }
    }

    /// <summary>
    /// The change a slot shows for <paramref name="row"/> as "old → new", or null: a modified row's change to a column both
    /// sides have (shared or renamed).
    /// </summary>
    public static CellChange? ChangeShown(ColumnSlot slot, RowDiff row)
    {
        if (row.Type != RowChangeType.Modified || slot.Kind is not (SlotKind.Shared or SlotKind.Renamed))
        {
            return null;
        }
        foreach (var change in row.Changes)
        {
            if (change.Column == slot.Name)
            {
                return change;
            }
        }
        return null;
    }

    /// <summary>
    /// The value a slot shows for <paramref name="row"/> when it shows no change: the right side's where the row and the
    /// column are there, else the left side's; empty where the row has no cell for the column (an added row in a removed
    /// column, a removed row in an added one).
    /// </summary>
    public static string ValueShown(ColumnSlot slot, RowDiff row) => row.Type switch
    {
        RowChangeType.Added => slot.Right is { } right ? row.RightValues![right] : "",
        RowChangeType.Removed => slot.Left is { } left ? row.LeftValues![left] : "",
        _ => slot.Right is { } right ? row.RightValues![right] : row.LeftValues![slot.Left!.Value],
    };

    // The format lengthens the arrow until no value in the row contains it, so "old->new" stays unambiguous.
    private static string Arrow(IReadOnlyList<CellChange> changes)
    {
        var arrow = "->";
        while (changes.Any(c => c.OldValue.Contains(arrow, StringComparison.Ordinal) || c.NewValue.Contains(arrow, StringComparison.Ordinal)))
        {
            arrow = "-" + arrow;
        }
        return arrow;
    }

    private static Dictionary<string, int> Index(IReadOnlyList<string> names)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            index[names[i]] = i;
        }
        return index;
    }
}
