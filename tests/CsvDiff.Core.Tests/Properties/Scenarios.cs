// Random tables and random edits to them, with the diff those edits must produce: the generators behind the property tests.
using CsCheck;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Properties;

internal enum Edit
{
    Keep,
    Modify,
    Remove,
}

/// <summary>A keyed table (column "id" unique), edited row by row, with right-hand rows in a possibly shuffled order.</summary>
internal sealed record KeyedScenario(
    string[] Header,
    List<string[]> Left,
    List<string[]> Right,
    Dictionary<string, Edit> Edits,
    HashSet<string> Inserted,
    CsvStyle LeftStyle,
    CsvStyle RightStyle)
{
    public TableInput LeftInput => CsvText.Input("left.csv", CsvText.Write(Header, Left, LeftStyle), LeftStyle.Bom);

    public TableInput RightInput => CsvText.Input("right.csv", CsvText.Write(Header, Right, RightStyle), RightStyle.Bom);

    public DiffOptions Options => new() { Key = ["id"], Csv = new CsvFormat { Delimiter = LeftStyle.Delimiter } };

    public override string ToString() => $"left:\n{CsvText.Write(Header, Left, LeftStyle)}\nright:\n{CsvText.Write(Header, Right, RightStyle)}";
}

internal static class Scenarios
{
    /// <summary>Cell text that exercises quoting, line breaks, white space and non-ASCII, including the empty value.</summary>
    public static readonly Gen<string> Cell = Gen.Frequency(
        (3, Gen.String[Gen.Char["abcxyz019 "], 0, 6]),
        (1, Gen.String[Gen.Char["a,;|\t\"\r\n é€日"], 0, 5]),
        (1, Gen.OneOf(Gen.Const(""), Gen.Const("😀 emoji"), Gen.Const("NULL"), Gen.Const("1.50"))));

    private static readonly Gen<CsvStyle> StyleOf = Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool,
        (crlf, quoteAll, bom, finalNewLine) => new CsvStyle(',', crlf ? "\r\n" : "\n", quoteAll, bom, finalNewLine));

    private static readonly Gen<char> Delimiter = Gen.OneOf(',', ';', '\t', '|');

    public static readonly Gen<KeyedScenario> Keyed =
        from dataColumns in Gen.Int[1, 4]
        from rows in Cell.Array[dataColumns].Array[0, 30]
        from edits in Gen.Int[0, 9].Array[rows.Length]
        from masks in Gen.Bool.Array[dataColumns].Array[rows.Length]
        from replacements in Cell.Array[dataColumns].Array[rows.Length]
        from inserted in Cell.Array[dataColumns].Array[0, 5]
        from order in Gen.Int.Array[rows.Length + inserted.Length]
        from delimiter in Delimiter
        from leftStyle in StyleOf
        from rightStyle in StyleOf
        select Build(dataColumns, rows, edits, masks, replacements, inserted, order, leftStyle with { Delimiter = delimiter }, rightStyle with { Delimiter = delimiter });

    private static KeyedScenario Build(int dataColumns, string[][] rows, int[] edits, bool[][] masks, string[][] replacements,
        string[][] inserted, int[] order, CsvStyle leftStyle, CsvStyle rightStyle)
    {
        string[] header = ["id", .. Enumerable.Range(1, dataColumns).Select(c => $"c{c}")];
        var left = rows.Select((cells, i) => (string[])[$"k{i}", .. cells]).ToList();
        var right = new List<string[]>();
        var kinds = new Dictionary<string, Edit>();
        for (var i = 0; i < left.Count; i++)
        {
            var id = left[i][0];
            var edit = edits[i] == 0 ? Edit.Remove : edits[i] <= 3 ? Edit.Modify : Edit.Keep;
            kinds[id] = edit;
            if (edit == Edit.Remove)
            {
                continue;
            }
            var row = (string[])left[i].Clone();
            if (edit == Edit.Modify)
            {
                for (var c = 0; c < dataColumns; c++)
                {
                    row[c + 1] = masks[i][c] ? replacements[i][c] : row[c + 1];
                }
            }
            right.Add(row);
        }
        var insertedIds = new HashSet<string>();
        for (var i = 0; i < inserted.Length; i++)
        {
            insertedIds.Add($"n{i}");
            right.Add([$"n{i}", .. inserted[i]]);
        }
        var shuffled = right.Select((row, i) => (row, sortKey: order[i])).OrderBy(p => p.sortKey).Select(p => p.row).ToList();
        return new KeyedScenario(header, left, shuffled, kinds, insertedIds, leftStyle, rightStyle);
    }

    /// <summary>A table of rows whose cells are unique words, for content mode, plus rows removed, inserted and changed in one cell.</summary>
    public static readonly Gen<(List<string[]> Left, List<string[]> Right, int Removed, int Inserted, int Modified)> Content =
        from columns in Gen.Int[2, 5]
        from rowCount in Gen.Int[0, 30]
        from edits in Gen.Int[0, 9].Array[rowCount]
        from changedColumn in Gen.Int[0, columns - 1].Array[rowCount]
        from insertedCount in Gen.Int[0, 5]
        select BuildContent(columns, edits, changedColumn, insertedCount);

    private static (List<string[]>, List<string[]>, int, int, int) BuildContent(int columns, int[] edits, int[] changedColumn, int insertedCount)
    {
        var left = new List<string[]>();
        var right = new List<string[]>();
        int removed = 0, modified = 0;
        for (var r = 0; r < edits.Length; r++)
        {
            // Cells of different rows share no words and few letter pairs, so only a row's own edit resembles it.
            var row = Enumerable.Range(0, columns).Select(c => $"w{(r * 7919L + c * 104729L) * 2654435761L % 1000003L:x5}").ToArray();
            left.Add(row);
            if (edits[r] == 0)
            {
                removed++;
                continue;
            }
            var copy = (string[])row.Clone();
            if (edits[r] <= 2)
            {
                copy[changedColumn[r]] += " changed";
                modified++;
            }
            right.Add(copy);
        }
        for (var i = 0; i < insertedCount; i++)
        {
            right.Insert(i * 3 % (right.Count + 1), Enumerable.Range(0, columns).Select(c => $"new{i}x{c}").ToArray());
        }
        return (left, right, removed, insertedCount, modified);
    }
}
