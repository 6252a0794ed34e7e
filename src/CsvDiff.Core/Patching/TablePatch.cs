// Applies a diff to the table it was made from: finds each row the diff names, checks it, and writes the table the diff leads to.
using CsvDiff.Reading;
using CsvDiff.Writing;

namespace CsvDiff.Patching;

/// <summary>Applies a diff (csvdiff's or daff's highlighter CSV, or csvdiff's JSON) to a table.</summary>
public static class TablePatch
{
    /// <summary>
    /// Applies <paramref name="diff"/> to <paramref name="table"/>. Rows the diff keeps, changes or removes are found by line
    /// (JSON) or by their values, searching on from the last row found. The rows the diff lists come in its order (the new
    /// table's), added rows among them; the rows it does not name are kept, in their order, before the next listed row that
    /// follows them in the table; a row the diff marks as moved places none of them.
    /// </summary>
    /// <exception cref="CsvDiffException">
    /// Either input is not what it should be, or the diff does not fit the table: a row to change or remove is not there, or holds
    /// other values than the diff says; the message names the diff's row and the column.
    /// </exception>
    public static CsvDocument Apply(TableInput table, TableInput diff, CsvFormat format, CancellationToken cancellation = default)
    {
        var document = DiffDocument.Read(diff, cancellation);
        var based = CsvDocument.Read(table, document.HasHeader is { } hasHeader ? format with { HasHeader = hasHeader } : format, cancellation);
        var columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < based.Columns.Count; c++)
        {
            columnIndex[based.Columns[c]] = c;
        }
        int BaseColumn(string column) => columnIndex.TryGetValue(column, out var index)
            ? index
            : throw new CsvDiffException($"the diff has column \"{column}\", which {table.Name} does not (its columns: {CsvTable.Describe(based.Columns)})", diff.Name);

        var sources = document.Columns.Select(c => c.From is { } from ? BaseColumn(from) : -1).ToArray();
        var finder = new RowFinder(based, table.Name, diff.Name);
        var edits = new RowEdit?[based.Rows.Count];
        var found = new int[document.Rows.Count];
        for (var e = 0; e < found.Length; e++)
        {
            cancellation.ThrowIfCancellationRequested();
            var edit = document.Rows[e];
            if (edit.Kind != EditKind.Add)
            {
                found[e] = finder.Claim(edit, edit.Expected.Select(x => (BaseColumn(x.Key), x.Value)).ToArray());
                edits[found[e]] = edit;
            }
        }

        string[] Project(string[] values, RowEdit? edit)
        {
            var row = new string[sources.Length];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = edit is not null && edit.Assigned.TryGetValue(document.Columns[c].Name, out var assigned) ? assigned
                    : sources[c] >= 0 && sources[c] < values.Length ? values[sources[c]] : "";
            }
            return row;
        }
        // The diff's rows come in the new table's order; the rows it does not name keep their order around those that did not move.
        var rows = new List<string[]>(based.Rows.Count + found.Length);
        var nextKept = 0;
        void KeepRowsBefore(int limit)
        {
            for (; nextKept < limit; nextKept++)
            {
                if (edits[nextKept] is null)
                {
                    rows.Add(Project(based.Rows[nextKept], null));
                }
            }
        }
        for (var e = 0; e < found.Length; e++)
        {
            var edit = document.Rows[e];
            if (edit.Kind == EditKind.Add)
            {
                rows.Add(Project([], edit));
                continue;
            }
            // A removed row writes nothing, so it places nothing (it is listed after a row that may itself have moved).
            if (edit.Kind != EditKind.Remove)
            {
                if (!edit.Moved)
                {
                    KeepRowsBefore(found[e]);
                }
                rows.Add(Project(based.Rows[found[e]], edit));
            }
        }
        KeepRowsBefore(based.Rows.Count);
        var form = based.Form with { HasHeader = based.Form.HasHeader || based.Columns.Count == 0 };
        return new CsvDocument(document.Columns.Select(c => c.Name).ToArray(), rows, form);
    }

    // Finds the base row each edit names, each row once.
    private sealed class RowFinder(CsvDocument table, string tableName, string diffName)
    {
        private readonly bool[] _claimed = new bool[table.Rows.Count];
        private readonly Dictionary<int, int> _rowAtLine = table.Lines.Select((line, row) => (line, row)).ToDictionary(p => p.line, p => p.row);
        private int _cursor;

        public int Claim(RowEdit edit, (int Column, string Value)[] expected)
        {
            var verb = edit.Kind == EditKind.Remove ? "remove" : edit.Kind == EditKind.Change ? "change" : "keep";
            int row;
            if (edit.BaseLine is { } line)
            {
                if (!_rowAtLine.TryGetValue(line, out row) || _claimed[row])
                {
                    throw new CsvDiffException($"{Where(edit)}no row of {tableName} starts at line {line} (the row to {verb})", diffName, edit.DiffLine);
                }
                if (FirstMismatch(row, expected) is { } wrong)
                {
                    throw Mismatch(edit, verb, row, expected[wrong]);
                }
            }
            else
            {
                row = Search(expected);
                if (row < 0)
                {
                    var nearest = Nearest(expected);
                    throw nearest < 0
                        ? new CsvDiffException($"{Where(edit)}the row to {verb} is not in {tableName}", diffName, edit.DiffLine)
                        : Mismatch(edit, verb, nearest, expected[FirstMismatch(nearest, expected)!.Value]);
                }
            }
            _claimed[row] = true;
            _cursor = row + 1;
            return row;
        }

        private CsvDiffException Mismatch(RowEdit edit, string verb, int row, (int Column, string Value) wanted) =>
            new($"{Where(edit)}the row to {verb} is not in {tableName}: its {(edit.BaseLine is null ? "nearest row" : "row")}, line " +
                $"{table.Lines[row]}, has {table.Columns[wanted.Column]} \"{Cell(row, wanted.Column)}\" where the diff has \"{wanted.Value}\"",
                diffName, edit.DiffLine);

        // A CSV diff's row is placed by its line, which the message's location gives; a JSON row by its place in "rows".
        private static string Where(RowEdit edit) => edit.Place is null ? "" : $"{edit.Place}: ";

        // From the last row found onwards, then from the top: a diff lists rows in table order unless rows moved.
        private int Search((int Column, string Value)[] expected)
        {
            var count = _claimed.Length;
            for (var step = 0; step < count; step++)
            {
                var row = (_cursor + step) % count;
                if (!_claimed[row] && FirstMismatch(row, expected) is null)
                {
                    return row;
                }
            }
            return -1;
        }

        // The unclaimed row agreeing with the most expected cells, to say which value is off.
        private int Nearest((int Column, string Value)[] expected)
        {
            var (best, bestScore) = (-1, -1);
            for (var row = 0; row < _claimed.Length; row++)
            {
                var score = _claimed[row] ? -1 : expected.Count(e => Cell(row, e.Column) == e.Value);
                if (score > bestScore)
                {
                    (best, bestScore) = (row, score);
                }
            }
            return bestScore < 0 ? -1 : best;
        }

        private int? FirstMismatch(int row, (int Column, string Value)[] expected)
        {
            for (var i = 0; i < expected.Length; i++)
            {
                if (!string.Equals(Cell(row, expected[i].Column), expected[i].Value, StringComparison.Ordinal))
                {
                    return i;
                }
            }
            return null;
        }

        private string Cell(int row, int column) => column < table.Rows[row].Length ? table.Rows[row][column] : "";
    }
}
