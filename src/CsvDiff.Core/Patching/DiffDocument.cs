// A diff read back from a file (csvdiff's or daff's highlighter CSV, or csvdiff's JSON): the columns it leads to and its row edits.
using System.Text;
using System.Text.Json;
using CsvDiff.Reading;
using CsvDiff.Writing;

namespace CsvDiff.Patching;

internal enum EditKind
{
    Keep,
    Remove,
    Change,
    Add,
}

/// <summary>
/// One row of a diff as a patch sees it. <see cref="Expected"/> holds what the base row must hold, by base column name: how it is
/// found (unless <see cref="BaseLine"/> names its line) and checked. <see cref="Assigned"/> holds the values it gets, by result
/// column name. A row of a CSV diff is placed by its <see cref="DiffLine"/>; a JSON row by <see cref="Place"/>, for messages.
/// </summary>
internal sealed record RowEdit(EditKind Kind, int? BaseLine, Dictionary<string, string> Expected, Dictionary<string, string> Assigned, string? Place, int? DiffLine)
{
    /// <summary>The row left the order of the rows around it: it does not place the rows the diff leaves out.</summary>
    public bool Moved { get; init; }

    /// <summary>The row's key values and its line in the new table, where the diff says (JSON).</summary>
    public IReadOnlyList<string> Key { get; init; } = [];

    /// <inheritdoc cref="Key"/>
    public int? NewLine { get; init; }
}

/// <summary>A column of the patched table and the base column it comes from (null when the diff adds it).</summary>
internal sealed record ResultColumn(string Name, string? From);

/// <summary>
/// A diff read back: the columns of the table it leads to, the base table's columns, its row edits, whether the base has a header
/// (when the diff says), the key its rows were paired by (JSON only), and the columns that moved.
/// </summary>
internal sealed record DiffDocument(IReadOnlyList<ResultColumn> Columns, IReadOnlyList<string> BaseColumns, IReadOnlyList<RowEdit> Rows, bool? HasHeader,
    IReadOnlyList<string> Key, IReadOnlyList<string> Reordered)
{
    /// <summary>Reads a diff, telling JSON (an object) from highlighter CSV by its first character.</summary>
    public static DiffDocument Read(TableInput diff, CancellationToken cancellation)
    {
        if (diff.OpenStream is not null)
        {
            diff = diff with { Bytes = StreamedTable.ReadWhole(diff) };
        }
        var text = diff.Bytes.Span;
        if (text.StartsWith(Encoding.UTF8.Preamble))
        {
            text = text[Encoding.UTF8.Preamble.Length..];
        }
        var first = text.TrimStart(" \t\r\n"u8);
        return first.Length > 0 && first[0] == '{' ? ReadJson(diff.Name, diff.Bytes[(diff.Bytes.Length - first.Length)..]) : ReadHighlighter(diff, cancellation);
    }

    // The highlighter format: an action column; "!" marks columns added (+++), removed (---) or renamed ((old name)); "@@" is the
    // header; rows are +++ added, --- removed, an arrow (->, -->, …) changed with "old->new" cells, "+" values in added columns
    // only, empty context, and "..." rows left out; ":" before an arrow, or alone, says the row moved.
    private static DiffDocument ReadHighlighter(TableInput diff, CancellationToken cancellation)
    {
        var table = CsvDocument.Read(diff, new CsvFormat { HasHeader = false, AllowRagged = true }, cancellation);
        var header = -1;
        string[]? schema = null;
        for (var i = 0; i < table.Rows.Count && header < 0; i++)
        {
            switch (table.Rows[i][0])
            {
                case "!":
                    schema = table.Rows[i];
                    break;
                case "@@":
                    header = i;
                    break;
            }
        }
        if (header < 0)
        {
            throw new CsvDiffException("no \"@@\" header row: this is not a diff in the highlighter format (nor csvdiff's JSON)", diff.Name);
        }
        var names = table.Rows[header];
        var width = names.Length;
        var baseNames = new string?[width];
        var resultNames = new string?[width];
        var columns = new List<ResultColumn>();
        for (var c = 1; c < width; c++)
        {
            var mark = schema is not null && c < schema.Length ? schema[c] : "";
            var name = names[c];
            baseNames[c] = mark switch
            {
                "+++" => null,
                ['(', .., ')'] => mark[1..^1],
                _ => name,
            };
            resultNames[c] = mark == "---" ? null : name;
            if (resultNames[c] is not null)
            {
                columns.Add(new ResultColumn(name, baseNames[c]));
            }
        }

        var edits = new List<RowEdit>();
        for (var i = header + 1; i < table.Rows.Count; i++)
        {
            var cells = table.Rows[i];
            var moved = cells[0].StartsWith(':');
            var action = moved && cells[0].Length > 1 ? cells[0][1..] : cells[0];
            var line = table.Lines[i];
            var expected = new Dictionary<string, string>(StringComparer.Ordinal);
            var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (action)
            {
                case "...":
                    continue;
                case "+++":
                    Fill(assigned, resultNames, cells);
                    edits.Add(new RowEdit(EditKind.Add, null, expected, assigned, null, line));
                    break;
                case "---":
                    Fill(expected, baseNames, cells);
                    edits.Add(new RowEdit(EditKind.Remove, null, expected, assigned, null, line));
                    break;
                case "" or "+" or ":":
                    Fill(expected, baseNames, cells);
                    for (var c = 1; c < width; c++)
                    {
                        if (baseNames[c] is null && resultNames[c] is { } added)
                        {
                            assigned[added] = cells[c];
                        }
                    }
                    edits.Add(new RowEdit(EditKind.Keep, null, expected, assigned, null, line) { Moved = moved });
                    break;
                case ['-', .., '>'] when action.AsSpan(0, action.Length - 1).IndexOfAnyExcept('-') < 0:
                    for (var c = 1; c < width; c++)
                    {
                        var cell = cells[c];
                        var arrow = cell.IndexOf(action, StringComparison.Ordinal);
                        var (before, after) = arrow < 0 ? (cell, cell) : (cell[..arrow], cell[(arrow + action.Length)..]);
                        if (baseNames[c] is { } from)
                        {
                            expected[from] = before;
                        }
                        if (resultNames[c] is { } to)
                        {
                            assigned[to] = after;
                        }
                    }
                    edits.Add(new RowEdit(EditKind.Change, null, expected, assigned, null, line) { Moved = moved });
                    break;
                default:
                    throw new CsvDiffException($"\"{action}\" is not an action of the highlighter format (+++, ---, ->, +, or empty)", diff.Name, line, 1);
            }
        }
        var reordered = Enumerable.Range(1, width - 1).Where(c => schema is not null && c < schema.Length && schema[c] == ":").Select(c => names[c]).ToList();
        return new DiffDocument(columns, [.. baseNames.Skip(1).OfType<string>()], edits, null, [], reordered);
    }

    private static void Fill(Dictionary<string, string> values, string?[] names, string[] cells)
    {
        for (var c = 1; c < names.Length; c++)
        {
            if (names[c] is { } name)
            {
                values[name] = cells[c];
            }
        }
    }

    // csvdiff's JSON contract, version 1: rows name their left lines, so they are found by line and checked by value.
    private static DiffDocument ReadJson(string name, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
            {
                throw new CsvDiffException("not a csvdiff JSON diff of contract version 1 (no \"version\": 1)", name);
            }
            var schema = Property(root, "columns", name);
            var leftColumns = Strings(Property(schema, "left", name)).ToHashSet(StringComparer.Ordinal);
            var renamedFrom = Property(schema, "renamed", name).EnumerateArray()
                .ToDictionary(r => Text(r, "to", name), r => Text(r, "from", name), StringComparer.Ordinal);
            var columns = Strings(Property(schema, "right", name))
                .Select(c => new ResultColumn(c, renamedFrom.TryGetValue(c, out var from) ? from : leftColumns.Contains(c) ? c : null))
                .ToList();
            var baseName = columns.ToDictionary(c => c.Name, c => c.From, StringComparer.Ordinal);
            bool? hasHeader = root.TryGetProperty("left", out var left) && left.TryGetProperty("header", out var header)
                && header.ValueKind is JsonValueKind.True or JsonValueKind.False ? header.GetBoolean() : null;

            var edits = new List<RowEdit>();
            var index = 0;
            foreach (var row in Property(root, "rows", name).EnumerateArray())
            {
                var place = $"row {++index} of \"rows\"";
                var type = Text(row, "type", name);
                int? line = row.TryGetProperty("leftLine", out var leftLine) && leftLine.ValueKind == JsonValueKind.Number ? leftLine.GetInt32() : null;
                var expected = new Dictionary<string, string>(StringComparer.Ordinal);
                var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
                if (row.TryGetProperty("right", out var right))
                {
                    foreach (var cell in right.EnumerateObject())
                    {
                        assigned[cell.Name] = cell.Value.GetString() ?? "";
                    }
                }
                if (row.TryGetProperty("left", out var leftValues))
                {
                    foreach (var cell in leftValues.EnumerateObject())
                    {
                        expected[cell.Name] = cell.Value.GetString() ?? "";
                    }
                }
                var kind = type switch
                {
                    "added" => EditKind.Add,
                    "removed" => EditKind.Remove,
                    "unchanged" => EditKind.Keep,
                    "modified" => EditKind.Change,
                    _ => throw new CsvDiffException($"{place}: \"{type}\" is not a row type (added, removed, modified, unchanged)", name),
                };
                if (kind == EditKind.Change)
                {
                    foreach (var change in Property(row, "changes", name).EnumerateArray())
                    {
                        var column = Text(change, "column", name);
                        if (baseName.TryGetValue(column, out var from) && from is not null)
                        {
                            expected[from] = Text(change, "old", name);
                        }
                        assigned[column] = Text(change, "new", name);
                    }
                }
                if (kind != EditKind.Add && line is null)
                {
                    throw new CsvDiffException($"{place}: a {type} row without \"leftLine\"", name);
                }
                var moved = row.TryGetProperty("moved", out var flag) && flag.ValueKind == JsonValueKind.True;
                edits.Add(new RowEdit(kind, line, expected, assigned, place, null)
                {
                    Moved = moved,
                    Key = row.TryGetProperty("key", out var key) ? Strings(key).ToList() : [],
                    NewLine = row.TryGetProperty("rightLine", out var rightLine) && rightLine.ValueKind == JsonValueKind.Number ? rightLine.GetInt32() : null,
                });
            }
            return new DiffDocument(columns, Strings(Property(schema, "left", name)).ToList(), edits, hasHeader,
                root.TryGetProperty("key", out var keyNames) ? Strings(keyNames).ToList() : [], Strings(Property(schema, "reordered", name)).ToList());
        }
        catch (JsonException e)
        {
            throw new CsvDiffException($"not valid JSON: {e.Message}", name, e.LineNumber is { } l ? (int)l + 1 : null);
        }
        catch (InvalidOperationException e)
        {
            throw new CsvDiffException($"not csvdiff's JSON diff: {e.Message}", name);
        }
    }

    private static JsonElement Property(JsonElement element, string property, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value
            : throw new CsvDiffException($"not csvdiff's JSON diff: \"{property}\" is missing", name);

    private static string Text(JsonElement element, string property, string name) => Property(element, property, name).GetString() ?? "";

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? "");
}
