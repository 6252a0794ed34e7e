// Compares the cells of paired rows that differ and lays every row out in the result's one deterministic order.
using CsvDiff.Alignment;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;
using CsvDiff.Reading;
using CsvDiff.Schema;

namespace CsvDiff.Comparison;

/// <summary>
/// The rows to fetch on each side, and (for a patch's context only) which paired right rows kept their order before content
/// pairing; <see cref="DiffAssembler.Assemble"/> settles the order of the rows that pairing adds.
/// </summary>
internal sealed record RowsToRead(List<int> Left, List<int> Right, bool[]? InOrder);

internal sealed class DiffAssembler(IRowSource left, IRowSource right, ColumnPlan plan, CellComparer comparer, DiffOptions options)
{
    private readonly int[] _leftKey = plan.KeyPositions.Select(p => plan.Compared[p].Left).ToArray();
    private readonly int[] _rightKey = plan.KeyPositions.Select(p => plan.Compared[p].Right).ToArray();

    private sealed class PartitionOutput
    {
        public List<(int Row, RowDiff Diff)> Rows { get; } = [];
        public List<(int Left, int Right)> KeyCollisions { get; } = [];
        public int Unchanged { get; set; }
        public int Modified { get; set; }
        public int Added { get; set; }
    }

    /// <summary>
    /// The rows <see cref="Assemble"/> and content pairing read cells of: unpaired rows, paired rows whose hashes differ, and the
    /// unchanged rows the result lists (every one with <see cref="DiffOptions.IncludeUnchanged"/>; with
    /// <see cref="DiffOptions.PatchContext"/>, those that moved, those before an unpaired or moved row, and every one when columns
    /// were added). A table kept elsewhere fetches these and no more. With <see cref="DiffOptions.PatchContext"/>,
    /// <see cref="RowsToRead.InOrder"/> tells which paired rows kept their order, for <see cref="Assemble"/>.
    /// </summary>
    public static RowsToRead RowsRead(RowMatching matching, RowFingerprints leftPrints, RowFingerprints rightPrints, DiffOptions options, ColumnPlan plan)
    {
        // Counted only, a keyed diff's unpaired rows are not read; content mode reads them to pair them.
        var unpaired = !options.CountsOnly || plan.KeyPositions.Length == 0;
        var left = unpaired ? matching.UnmatchedLeft() : [];
        var right = new List<int>();
        var everyRow = !options.CountsOnly && (options.IncludeUnchanged || (options.PatchContext && plan.Added.Length > 0));
        // Locals, not properties, inside loops over every row: in the browser's interpreter each property read is a call.
        var (rightToLeft, leftHashes, rightHashes) = (matching.RightToLeft, leftPrints.RowHashes, rightPrints.RowHashes);
        var inOrder = options.PatchContext && !options.CountsOnly ? InOrder(rightToLeft) : null;
        for (var r = 0; r < rightToLeft.Length; r++)
        {
            var l = rightToLeft[r];
            if (l < 0)
            {
                if (unpaired)
                {
                    right.Add(r);
                }
            }
            else if (everyRow || leftHashes[l] != rightHashes[r] || (inOrder is not null && (!inOrder[r] || IsAnchor(rightToLeft, inOrder, r))))
            {
                right.Add(r);
                left.Add(l);
            }
        }
        return new RowsToRead(left, right, inOrder);
    }

    // The paired right rows whose left partners come in the same order: the longest such run; the others moved.
    private static bool[] InOrder(int[] rightToLeft)
    {
        var inOrder = new bool[rightToLeft.Length];
        if (KeepsOrder(rightToLeft))
        {
            for (var r = 0; r < rightToLeft.Length; r++)
            {
                inOrder[r] = rightToLeft[r] >= 0;
            }
            return inOrder;
        }
        var (partners, rows) = (new List<int>(rightToLeft.Length), new List<int>(rightToLeft.Length));
        for (var r = 0; r < rightToLeft.Length; r++)
        {
            if (rightToLeft[r] >= 0)
            {
                partners.Add(rightToLeft[r]);
                rows.Add(r);
            }
        }
        var members = LongestIncreasing.Members(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(partners));
        for (var i = 0; i < rows.Count; i++)
        {
            inOrder[rows[i]] = members[i];
        }
        return inOrder;
    }

    // Most pairs of files keep their rows' order; then every paired row is in order, without the longest-run search.
    private static bool KeepsOrder(int[] rightToLeft)
    {
        var last = -1;
        foreach (var l in rightToLeft)
        {
            if (l >= 0)
            {
                if (l < last)
                {
                    return false;
                }
                last = l;
            }
        }
        return true;
    }

    // Rows paired by content after RowsRead took the order have their place settled now: one that sits between the in-order rows
    // around it, by left position as by right, is in order too. A row the longest run left out never is, or the run was not longest.
    private static bool[] Settle(bool[] inOrderBefore, int[] rightToLeft)
    {
        var inOrder = (bool[])inOrderBefore.Clone();
        var below = new int[rightToLeft.Length];
        var next = int.MaxValue;
        for (var r = rightToLeft.Length - 1; r >= 0; r--)
        {
            below[r] = next;
            if (inOrderBefore[r])
            {
                next = rightToLeft[r];
            }
        }
        var last = -1;
        for (var r = 0; r < rightToLeft.Length; r++)
        {
            var l = rightToLeft[r];
            if (l >= 0 && (inOrderBefore[r] || (l > last && l < below[r])))
            {
                inOrder[r] = true;
                last = l;
            }
        }
        return inOrder;
    }

    // The row before an added or moved row in the right table: what places it when the diff is applied.
    private static bool IsAnchor(int[] rightToLeft, bool[] inOrder, int r) => r + 1 < rightToLeft.Length && (rightToLeft[r + 1] < 0 || !inOrder[r + 1]);

    public (List<RowDiff> Rows, DiffSummary Summary) Assemble(RowMatching matching, RowFingerprints leftPrints, RowFingerprints rightPrints,
        bool[]? inOrder, PartitionRunner runner)
    {
        var rightRows = matching.RightToLeft.Length;
        // Only content pairing adds pairs after RowsRead; keyed rows were all paired, and their order taken, already.
        inOrder = inOrder is null || plan.KeyPositions.Length > 0 ? inOrder : Settle(inOrder, matching.RightToLeft);
        var partitions = runner.RowPartitions(rightRows);
        var outputs = new PartitionOutput[partitions];
        runner.Run(partitions, partition =>
        {
            var (start, end) = PartitionRunner.Range(rightRows, partition, partitions);
            outputs[partition] = ComparePaired(matching, leftPrints.RowHashes, rightPrints.RowHashes, inOrder, start, end, runner.Cancellation);
        });

        // A pair whose keys only shared a hash is two rows: its right row was listed as added where it stands, its left one is
        // removed from here on.
        foreach (var output in outputs)
        {
            foreach (var (l, r) in output.KeyCollisions)
            {
                matching.Unpair(l, r);
            }
        }
        var added = outputs.Sum(o => o.Added);
        var (modified, unchanged) = (outputs.Sum(o => o.Modified), outputs.Sum(o => o.Unchanged));
        if (options.CountsOnly)
        {
            return ([], new DiffSummary(added, matching.UnmatchedLeft().Count, modified, unchanged));
        }

        // Each partition's rows are in right-row order, and the groups of removed rows in anchor order: one merge lays them out,
        // with no array over every right row (a million references written, first touches of fresh memory, on one thread).
        var removedGroups = RemovedRowsByAnchor(matching);
        var removedRows = RemovedRows(removedGroups, runner);
        var rows = new List<RowDiff>(outputs.Sum(o => o.Rows.Count) + removedRows.Length);
        var (nextGroup, removed) = (0, 0);
        void EmitGroupsBefore(int row)
        {
            for (; nextGroup < removedGroups.Count && removedGroups[nextGroup].Anchor < row; nextGroup++)
            {
                var count = removedGroups[nextGroup].Rows.Count;
                rows.AddRange(new ArraySegment<RowDiff>(removedRows, removed, count));
                removed += count;
            }
        }
        foreach (var output in outputs)
        {
            foreach (var (row, diff) in output.Rows)
            {
                // A group goes right after its anchor's row: before the first row past the anchor.
                EmitGroupsBefore(row);
                rows.Add(diff);
            }
        }
        EmitGroupsBefore(int.MaxValue);
        return (rows, new DiffSummary(added, removed, modified, unchanged));
    }

    private PartitionOutput ComparePaired(RowMatching matching, ulong[] leftHashes, ulong[] rightHashes, bool[]? inOrder, int start, int end,
        CancellationToken cancellation)
    {
        var output = new PartitionOutput();
        var leftFields = new FieldList();
        var rightFields = new FieldList();
        var scratch = new byte[256];
        var rightToLeft = matching.RightToLeft;
        var listsRows = !options.CountsOnly;
        var listAll = listsRows && options.IncludeUnchanged;
        var addedColumns = plan.Added;
        var sameHash = 0;
        bool Moved(int r) => inOrder is not null && !inOrder[r];
        bool Lists(int r, IReadOnlyList<string> rightValues) =>
            listAll || (inOrder is not null && (!inOrder[r] || IsAnchor(rightToLeft, inOrder, r) || HasAny(rightValues, addedColumns)));
        for (var r = start; r < end; r++)
        {
            if ((r & 0x3FFF) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }
            var l = rightToLeft[r];
            if (l < 0)
            {
                if (listsRows)
                {
                    output.Rows.Add((r, AddedRow(r, rightFields, ref scratch)));
                }
                output.Added++;
                continue;
            }
            if (leftHashes[l] == rightHashes[r])
            {
                sameHash++;
                if (listAll || (inOrder is not null && (addedColumns.Length > 0 || !inOrder[r] || IsAnchor(rightToLeft, inOrder, r))))
                {
                    var sameLeft = left.GetRow(l, leftFields, ref scratch);
                    var sameRight = right.GetRow(r, rightFields, ref scratch);
                    if (Lists(r, sameRight))
                    {
                        output.Rows.Add((r, UnchangedRow(l, r, sameLeft, sameRight) with { Moved = Moved(r) }));
                    }
                }
                continue;
            }
            // Kept as read (RowCells, where the source reads them so): the cells are compared in place, and only those that differ
            // become strings of their own.
            var leftValues = left.GetRow(l, leftFields, ref scratch);
            var rightValues = right.GetRow(r, rightFields, ref scratch);
            if (!KeysAgree(leftValues, rightValues))
            {
                output.KeyCollisions.Add((l, r));
                if (listsRows)
                {
                    output.Rows.Add((r, AddedRow(r, rightFields, ref scratch)));
                }
                output.Added++;
                continue;
            }
            var changes = Changes(leftValues, rightValues, firstOnly: !listsRows);
            if (changes.Count == 0)
            {
                output.Unchanged++;
                if (Lists(r, rightValues))
                {
                    output.Rows.Add((r, UnchangedRow(l, r, leftValues, rightValues) with { Moved = Moved(r) }));
                }
                continue;
            }
            output.Modified++;
            if (!listsRows)
            {
                continue;
            }
            output.Rows.Add((r, new RowDiff(RowChangeType.Modified, KeyOf(leftValues), left.LineOf(l), right.LineOf(r), leftValues, rightValues, changes)
            {
                Moved = Moved(r),
            }));
        }
        output.Unchanged += sameHash;
        return output;
    }

    // The removed rows in the order of their groups, their cells read in partitions as the pairs' are.
    private RowDiff[] RemovedRows(List<(int Anchor, List<int> Rows)> groups, PartitionRunner runner)
    {
        var order = groups.SelectMany(group => group.Rows).ToArray();
        var rows = new RowDiff[order.Length];
        var partitions = runner.RowPartitions(order.Length);
        runner.Run(partitions, partition =>
        {
            var (start, end) = PartitionRunner.Range(order.Length, partition, partitions);
            var fields = new FieldList();
            var scratch = new byte[256];
            for (var i = start; i < end; i++)
            {
                var l = order[i];
                var values = left.GetRow(l, fields, ref scratch);
                rows[i] = new RowDiff(RowChangeType.Removed, _leftKey.Select(k => values[k]).ToArray(), left.LineOf(l), null, values, null, []);
            }
        });
        return rows;
    }

    private RowDiff AddedRow(int r, FieldList fields, ref byte[] scratch)
    {
        var values = right.GetRow(r, fields, ref scratch);
        return new RowDiff(RowChangeType.Added, _rightKey.Select(k => values[k]).ToArray(), null, right.LineOf(r), null, values, []);
    }

    private RowDiff UnchangedRow(int l, int r, IReadOnlyList<string> leftValues, IReadOnlyList<string> rightValues) =>
        new(RowChangeType.Unchanged, KeyOf(leftValues), left.LineOf(l), right.LineOf(r), leftValues, rightValues, []);

    private static bool HasAny(IReadOnlyList<string> values, int[] columns)
    {
        foreach (var column in columns)
        {
            if (!RowCells.Cell(values, column).IsEmpty)
            {
                return true;
            }
        }
        return false;
    }

    private string[] KeyOf(IReadOnlyList<string> leftValues) => _leftKey.Select(k => leftValues[k]).ToArray();

    // Keys were paired by hash; two different keys with one hash must not pass for one row.
    private bool KeysAgree(IReadOnlyList<string> leftValues, IReadOnlyList<string> rightValues)
    {
        for (var i = 0; i < _leftKey.Length; i++)
        {
            if (RowCells.Cell(leftValues, _leftKey[i]).SequenceEqual(RowCells.Cell(rightValues, _rightKey[i])))
            {
                continue;
            }
            var a = comparer.Normalizer.Normalize(leftValues[_leftKey[i]]);
            var b = comparer.Normalizer.Normalize(rightValues[_rightKey[i]]);
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    // The compared cells that differ; counting only, the first is enough to tell a modified row, and its words are not split.
    private List<CellChange> Changes(IReadOnlyList<string> leftValues, IReadOnlyList<string> rightValues, bool firstOnly)
    {
        var changes = new List<CellChange>();
        foreach (var column in plan.Compared)
        {
            if (RowCells.Cell(leftValues, column.Left).SequenceEqual(RowCells.Cell(rightValues, column.Right)))
            {
                continue;
            }
            var oldValue = leftValues[column.Left];
            var newValue = rightValues[column.Right];
            if (!comparer.AreEqual(oldValue, newValue))
            {
                changes.Add(new CellChange(column.Name, oldValue, newValue,
                    options.InlineSegments && !firstOnly ? WordDiff.Segments(oldValue, newValue) : null));
                if (firstOnly)
                {
                    break;
                }
            }
        }
        return changes;
    }

    // A removed row goes right after the right-hand partner of the nearest paired row above it on the left (-1: at the top).
    // Returns the removed rows grouped by that anchor, in anchor order.
    private static List<(int Anchor, List<int> Rows)> RemovedRowsByAnchor(RowMatching matching)
    {
        var byAnchor = new Dictionary<int, List<int>>();
        var anchor = -1;
        var leftToRight = matching.LeftToRight;
        for (var l = 0; l < leftToRight.Length; l++)
        {
            var partner = leftToRight[l];
            if (partner >= 0)
            {
                anchor = partner;
                continue;
            }
            if (!byAnchor.TryGetValue(anchor, out var rows))
            {
                byAnchor[anchor] = rows = [];
            }
            rows.Add(l);
        }
        return byAnchor.OrderBy(group => group.Key).Select(group => (group.Key, group.Value)).ToList();
    }
}
