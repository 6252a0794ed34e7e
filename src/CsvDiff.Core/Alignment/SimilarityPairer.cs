// Content mode's second step: pairs leftover removed and added rows that are similar enough into modified rows, best pairs first.
using CsvDiff.Comparison;
using CsvDiff.Internals;
using CsvDiff.Reading;
using CsvDiff.Schema;

namespace CsvDiff.Alignment;

/// <summary>
/// Candidates come from an index of cell values and words, never from all pairs: a leftover left row is
/// only scored against leftover right rows that share a value or word in the same column with it.
/// Values shared by too many rows say nothing about which row is which and are not indexed.
/// </summary>
internal static class SimilarityPairer
{
    private const int CandidatesPerRow = 8;

    /// <summary>A left leftover (by its index among the leftovers) that scores at least the threshold against a right one.</summary>
    public readonly record struct Candidate(double Score, int Left, int Right);

    /// <summary>
    /// The rows still unpaired after exact matching, and their compared cells in canonical form; with
    /// <see cref="LeftValues"/> and <see cref="RightValues"/>, every cell of each as read.
    /// </summary>
    public sealed record Leftovers(List<int> LeftRows, List<int> RightRows, string[][] LeftCells, string[][] RightCells)
    {
        public string[][] LeftValues { get; init; } = [];

        public string[][] RightValues { get; init; } = [];
    }

    /// <summary>
    /// Pairs the leftovers alike enough, and returns the sources the result is assembled from: <paramref name="left"/> and
    /// <paramref name="right"/> with the leftovers' cells kept as read here, since every leftover is in the result.
    /// </summary>
    public static (IRowSource Left, IRowSource Right) Pair(IRowSource left, IRowSource right, ColumnPlan plan, CellComparer comparer,
        double threshold, RowMatching matching, PartitionRunner runner)
    {
        if (Collect(left, right, plan, comparer, matching, runner) is not { } leftovers)
        {
            return (left, right);
        }
        using var index = new TokenIndex(leftovers.RightCells);
        runner.Cancellation.ThrowIfCancellationRequested();
        var partitions = runner.RowPartitions(leftovers.LeftRows.Count);
        var found = new List<Candidate>[partitions];
        runner.Run(partitions, partition =>
        {
            var (start, end) = PartitionRunner.Range(leftovers.LeftRows.Count, partition, partitions);
            found[partition] = ScoreCandidates(leftovers.LeftCells, leftovers.RightCells, index, comparer, threshold, start, end, runner.Cancellation);
        });
        Choose(leftovers, found.SelectMany(c => c), matching);
        return (new RowsKept(left, leftovers.LeftRows, leftovers.LeftValues), new RowsKept(right, leftovers.RightRows, leftovers.RightValues));
    }

    /// <summary>The leftovers worth pairing, or null when one side has none (or nothing is compared).</summary>
    public static Leftovers? Collect(IRowSource left, IRowSource right, ColumnPlan plan, CellComparer comparer, RowMatching matching, PartitionRunner runner)
    {
        var leftRows = matching.UnmatchedLeft();
        var rightRows = matching.UnmatchedRight();
        if (leftRows.Count == 0 || rightRows.Count == 0 || plan.Compared.Length == 0)
        {
            return null;
        }
        var (leftCells, leftValues) = NormalizedCells(left, leftRows, plan.LeftCompared, comparer.Normalizer, runner);
        var (rightCells, rightValues) = NormalizedCells(right, rightRows, plan.RightCompared, comparer.Normalizer, runner);
        return new Leftovers(leftRows, rightRows, leftCells, rightCells) { LeftValues = leftValues, RightValues = rightValues };
    }

    /// <summary>Scores one block of left leftovers against every right one: work a host can hand to another worker.</summary>
    public static List<Candidate> ScoreBlock(string[][] leftBlock, int firstLeft, string[][] rightCells, CellComparer comparer, double threshold,
        CancellationToken cancellation)
    {
        using var index = new TokenIndex(rightCells);
        var found = ScoreCandidates(leftBlock, rightCells, index, comparer, threshold, 0, leftBlock.Length, cancellation);
        return found.ConvertAll(c => c with { Left = c.Left + firstLeft });
    }

    /// <summary>Pairs the best candidates first, each row at most once; the order makes the choice independent of how scoring was split.</summary>
    public static void Choose(Leftovers leftovers, IEnumerable<Candidate> found, RowMatching matching)
    {
        // A sort of the list itself: LINQ's ordering costs the browser's interpreter several calls per comparison.
        var candidates = found.ToList();
        candidates.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Left != b.Left ? a.Left.CompareTo(b.Left) : a.Right.CompareTo(b.Right));
        var leftTaken = new bool[leftovers.LeftRows.Count];
        var rightTaken = new bool[leftovers.RightRows.Count];
        foreach (var candidate in candidates)
        {
            if (!leftTaken[candidate.Left] && !rightTaken[candidate.Right])
            {
                leftTaken[candidate.Left] = rightTaken[candidate.Right] = true;
                matching.Pair(leftovers.LeftRows[candidate.Left], leftovers.RightRows[candidate.Right]);
            }
        }
    }

    // The rows' compared cells in canonical form, and all their cells as read.
    private static (string[][] Compared, string[][] Values) NormalizedCells(IRowSource table, List<int> rows, int[] columns,
        ValueNormalizer normalizer, PartitionRunner runner)
    {
        var cells = new string[rows.Count][];
        var read = new string[rows.Count][];
        var partitions = runner.RowPartitions(rows.Count);
        runner.Run(partitions, partition =>
        {
            var fields = new FieldList();
            var scratch = new byte[256];
            var (start, end) = PartitionRunner.Range(rows.Count, partition, partitions);
            for (var i = start; i < end; i++)
            {
                var values = read[i] = table.GetRowValues(rows[i], fields, ref scratch);
                var compared = cells[i] = new string[columns.Length];
                for (var c = 0; c < columns.Length; c++)
                {
                    compared[c] = normalizer.Normalize(values[columns[c]]);
                }
            }
        });
        return (cells, read);
    }

    private static List<Candidate> ScoreCandidates(string[][] leftCells, string[][] rightCells, TokenIndex index,
        CellComparer comparer, double threshold, int start, int end, CancellationToken cancellation)
    {
        var result = new List<Candidate>();
        // Shared tokens counted per right row in an array, with the rows counted listed to reset them: a left row meets up to
        // hundreds of right rows, and in the browser's interpreter a dictionary and a sort per row cost more than the scoring.
        var shared = new int[rightCells.Length];
        var met = new int[rightCells.Length];
        var best = new int[CandidatesPerRow];
        var tokens = new ulong[64];
        var ids = new int[tokens.Length];
        var (leftGrams, rightGrams) = (new RowBigrams(leftCells), new BigramCache(rightCells));
        for (var l = start; l < end; l++)
        {
            if ((l & 0x3FF) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }
            var tokenCount = TokenIndex.RowTokens(leftCells[l], ref tokens);
            if (ids.Length < tokens.Length)
            {
                ids = new int[tokens.Length];
            }
            index.Find(tokens.AsSpan(0, tokenCount), ids);
            var metCount = 0;
            foreach (var id in ids.AsSpan(0, tokenCount))
            {
                foreach (var r in index.RowsWith(id))
                {
                    if (shared[r]++ == 0)
                    {
                        met[metCount++] = r;
                    }
                }
            }
            var candidates = MostShared(shared, met.AsSpan(0, metCount), best);
            foreach (var r in met.AsSpan(0, metCount))
            {
                shared[r] = 0;
            }
            foreach (var r in best.AsSpan(0, candidates))
            {
                var score = RowSimilarity(leftGrams, l, rightGrams, r, comparer, threshold);
                if (score >= threshold)
                {
                    result.Add(new Candidate(score, l, r));
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Puts into <paramref name="best"/> the right rows met that share the most tokens, most first and, among rows sharing as
    /// many, the lowest first, and returns how many (up to its length).
    /// </summary>
    internal static int MostShared(int[] shared, ReadOnlySpan<int> met, int[] best)
    {
        var count = 0;
        foreach (var r in met)
        {
            // Most rows met share only a common word or two with the left row: one comparison with the last kept turns them away.
            if (count == best.Length && !Before(r, best[count - 1], shared))
            {
                continue;
            }
            // Where r goes among those kept so far.
            var at = count;
            while (at > 0 && Before(r, best[at - 1], shared))
            {
                at--;
            }
            if (count < best.Length)
            {
                count++;
            }
            Array.Copy(best, at, best, at + 1, count - 1 - at);
            best[at] = r;
        }
        return count;

        static bool Before(int row, int other, int[] shared) => shared[row] > shared[other] || (shared[row] == shared[other] && row < other);
    }

    /// <summary>
    /// The mean over compared columns of the cells' similarity: 1 when equal, else the bigram Dice coefficient; or -1 as soon
    /// as the cells left cannot lift it to <paramref name="threshold"/>, which is where most of a row's candidates end.
    /// </summary>
    private static double RowSimilarity(RowBigrams left, int leftRow, BigramCache right, int rightRow, CellComparer comparer, double threshold)
    {
        var (leftCells, rightCells) = (left.Rows[leftRow], right.Rows[rightRow]);
        // A cell adds at most 1. The slack keeps rounding from turning away a row that reaches the threshold exactly.
        var needed = (threshold * leftCells.Length) - 1e-9;
        var total = 0.0;
        for (var i = 0; i < leftCells.Length; i++)
        {
            if (comparer.AreEqual(leftCells[i], rightCells[i]))
            {
                total += 1.0;
            }
            else if (leftCells[i].Length >= 2 && rightCells[i].Length >= 2)
            {
                // Unequal cells too short to have bigrams score 0.
                total += TextSimilarity.Dice(left.Of(leftRow, i), right.Of(rightRow, i));
            }
            if (total + (leftCells.Length - 1 - i) < needed)
            {
                return -1;
            }
        }
        return total / leftCells.Length;
    }

    /// <summary>
    /// Each right leftover cell's sorted bigrams, made the first time the cell is scored and kept: a right row is scored against
    /// many left ones.
    /// </summary>
    private sealed class BigramCache(string[][] rows)
    {
        private readonly int[]?[]?[] _grams = new int[]?[rows.Length][];

        public string[][] Rows => rows;

        public int[] Of(int row, int column) =>
            (_grams[row] ??= new int[]?[rows[row].Length])[column] ??= TextSimilarity.Bigrams(rows[row][column]);
    }

    /// <summary>
    /// A left leftover cell's sorted bigrams, made for the left row being scored and written over by the next: a left row is
    /// scored against its candidates (up to <see cref="CandidatesPerRow"/>) one after another and never again. Kept, as right
    /// rows' are, 990,000 left leftovers against 150 right ones held an array for every cell scored (about 7 million).
    /// </summary>
    private sealed class RowBigrams
    {
        private readonly string[][] _rows;

        // Each compared column's bigrams (every row has as many compared cells), and the left row they were made for.
        private readonly int[][] _grams;
        private readonly int[] _madeFor;

        public RowBigrams(string[][] rows)
        {
            _rows = rows;
            var columns = rows.Length > 0 ? rows[0].Length : 0;
            (_grams, _madeFor) = (new int[columns][], new int[columns]);
            _madeFor.AsSpan().Fill(-1);
        }

        public string[][] Rows => _rows;

        public ReadOnlySpan<int> Of(int row, int column)
        {
            var cell = _rows[row][column];
            var count = TextSimilarity.BigramCount(cell);
            if (_madeFor[column] != row)
            {
                if (_grams[column] is null || _grams[column].Length < count)
                {
                    _grams[column] = new int[Math.Max(count, 16)];
                }
                TextSimilarity.Bigrams(cell, _grams[column]);
                _madeFor[column] = row;
            }
            return _grams[column].AsSpan(0, count);
        }
    }
}
