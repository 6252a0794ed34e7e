// Which columns are compared, which are keys, and how the two headers differ: the output of column matching.
namespace CsvDiff.Schema;

/// <summary>A column compared on both sides; <see cref="Name"/> is its right-hand name.</summary>
internal sealed record ComparedColumn(string Name, int Left, int Right);

internal sealed class ColumnPlan
{
    public required string[] LeftColumns { get; init; }

    public required string[] RightColumns { get; init; }

    /// <summary>Compared columns in right-hand order. Row hashes combine cells in this order on both sides.</summary>
    public required ComparedColumn[] Compared { get; init; }

    /// <summary>Positions in <see cref="Compared"/> of the key columns, in key order; empty in content mode.</summary>
    public required int[] KeyPositions { get; init; }

    /// <summary>Right-only columns that count as added, by right index.</summary>
    public required int[] Added { get; init; }

    /// <summary>Left-only columns that count as removed, by left index.</summary>
    public required int[] Removed { get; init; }

    /// <summary>Renamed columns as (left index, right index).</summary>
    public required (int Left, int Right)[] Renamed { get; init; }

    public required string[] Reordered { get; init; }

    public int[] LeftCompared => Compared.Select(c => c.Left).ToArray();

    public int[] RightCompared => Compared.Select(c => c.Right).ToArray();

    public string[] KeyNames => KeyPositions.Select(p => Compared[p].Name).ToArray();

    public ColumnPlan WithKey(int[] keyPositions) => new()
    {
        LeftColumns = LeftColumns,
        RightColumns = RightColumns,
        Compared = Compared,
        KeyPositions = keyPositions,
        Added = Added,
        Removed = Removed,
        Renamed = Renamed,
        Reordered = Reordered,
    };

    /// <summary>The plan once <paramref name="renames"/> are known: those columns stop being added and removed and are compared.</summary>
    public ColumnPlan WithRenames(IReadOnlyList<(int Left, int Right)> renames)
    {
        var keyNames = KeyNames;
        var compared = Compared
            .Concat(renames.Select(r => new ComparedColumn(RightColumns[r.Right], r.Left, r.Right)))
            .OrderBy(c => c.Right)
            .ToArray();
        return new()
        {
            LeftColumns = LeftColumns,
            RightColumns = RightColumns,
            Compared = compared,
            KeyPositions = keyNames.Select(k => Array.FindIndex(compared, c => c.Name == k)).ToArray(),
            Added = Added.Where(a => renames.All(r => r.Right != a)).ToArray(),
            Removed = Removed.Where(a => renames.All(r => r.Left != a)).ToArray(),
            Renamed = [.. Renamed, .. renames.OrderBy(r => r.Right)],
            Reordered = Reordered,
        };
    }

    public SchemaDiff ToSchemaDiff() => new(
        LeftColumns,
        RightColumns,
        Added.Select(i => RightColumns[i]).ToArray(),
        Removed.Select(i => LeftColumns[i]).ToArray(),
        Renamed.Select(r => new ColumnRename(LeftColumns[r.Left], RightColumns[r.Right])).ToArray(),
        Reordered,
        Compared.Select(c => c.Name).ToArray());
}
