// The result's layout when rows were paired by a key hash that two different keys share: no real pair of files gives such a
// collision, so the matching is made by hand.
using CsvDiff.Alignment;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;
using CsvDiff.Reading;
using CsvDiff.Schema;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Comparison;

public class DiffAssemblerTests
{
    private static readonly string[] Columns = ["id", "value"];

    // Random keyed tables; some unpaired left rows are then "paired" with unpaired right rows of another key, as colliding key
    // hashes would pair them. Assembled, that must be exactly the result of the honest matching: the left row removed where a
    // removed row goes, the right one added where it stands, at any number of partitions run in any order.
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_pair_whose_keys_only_share_a_hash_is_laid_out_as_the_removed_and_added_rows_it_is(int parallelism)
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var (left, right) = Tables(random);
            var plan = ColumnMatcher.Match(new TableHeader("left.csv", Columns), new TableHeader("right.csv", Columns), new DiffOptions { Key = ["id"] });
            var honest = Matching(left, right);
            var collisions = random.Next(1 + Math.Min(honest.UnmatchedLeft().Count, honest.UnmatchedRight().Count));
            RowMatching Colliding()
            {
                var colliding = Matching(left, right);
                var (unpairedLeft, unpairedRight) = (colliding.UnmatchedLeft(), colliding.UnmatchedRight());
                for (var i = 0; i < collisions; i++)
                {
                    colliding.Pair(unpairedLeft[i], unpairedRight[i]);
                }
                return colliding;
            }
            IPartitionScheduler scheduler = parallelism == 1 ? SequentialScheduler.Instance : new ReversedScheduler(parallelism);

            var expected = Assemble(left, right, plan, honest, SequentialScheduler.Instance);
            var colliding = Colliding();
            var actual = Assemble(left, right, plan, colliding, scheduler);
            Assert.Equal(expected.Summary, actual.Summary);
            Assert.Equal(Described(expected.Rows), Described(actual.Rows));
            Assert.Equal(honest.LeftToRight, colliding.LeftToRight);
            // Counted only, the collisions count as the rows they are, and no row is listed.
            var counted = Assemble(left, right, plan, Colliding(), scheduler, countsOnly: true);
            Assert.Equal(expected.Summary, counted.Summary);
            Assert.Empty(counted.Rows);
        }
    }

    private static (List<string[]> Left, List<string[]> Right) Tables(Random random)
    {
        var left = Enumerable.Range(0, random.Next(0, 40)).Select(i => new[] { $"k{i}", $"v{random.Next(3)}" }).ToList();
        var right = new List<string[]>();
        foreach (var row in left)
        {
            switch (random.Next(4))
            {
                case 0:
                    break; // removed
                case 1:
                    right.Add([row[0], $"v{random.Next(3)}"]);
                    break;
                default:
                    right.Add(row);
                    break;
            }
            if (random.Next(5) == 0)
            {
                right.Add([$"new{right.Count}", "v0"]);
            }
        }
        // Some rows change places, so that removed rows anchor on rows out of order.
        for (var i = 0; i + 1 < right.Count; i += 1 + random.Next(6))
        {
            (right[i], right[i + 1]) = (right[i + 1], right[i]);
        }
        return (left, right);
    }

    private static RowMatching Matching(List<string[]> left, List<string[]> right)
    {
        var matching = new RowMatching(left.Count, right.Count);
        var leftByKey = left.Select((row, l) => (row[0], l)).ToDictionary();
        for (var r = 0; r < right.Count; r++)
        {
            if (leftByKey.TryGetValue(right[r][0], out var l))
            {
                matching.Pair(l, r);
            }
        }
        return matching;
    }

    private static (List<RowDiff> Rows, DiffSummary Summary) Assemble(List<string[]> left, List<string[]> right, ColumnPlan plan, RowMatching matching,
        IPartitionScheduler scheduler, bool countsOnly = false)
    {
        var options = new DiffOptions { Key = ["id"], CountsOnly = countsOnly };
        var assembler = new DiffAssembler(Source("left.csv", left), Source("right.csv", right), plan, new CellComparer(options.Values), options);
        var runner = new PartitionRunner(scheduler, 4, CancellationToken.None);
        return assembler.Assemble(matching, Prints(left), Prints(right), null, runner);
    }

    private static FetchedRows Source(string name, List<string[]> rows) =>
        new(name, rows.Select((values, row) => (row, (Line: row + 2, (IReadOnlyList<string>)values))).ToDictionary(p => p.row, p => p.Item2));

    private static RowFingerprints Prints(List<string[]> rows) =>
        new([.. rows.Select(values => (ulong)string.Join('\u0001', values).GetHashCode(StringComparison.Ordinal))], null);

    private static string[] Described(List<RowDiff> rows) =>
        [.. rows.Select(row => $"{row.Type} {string.Join('|', row.Key)} {row.LeftLine} {row.RightLine} {row.Changes.Count}")];
}
