// Content mode's candidate choice: which right rows a left row is scored against decides what it pairs with.
using CsCheck;
using CsvDiff.Alignment;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Alignment;

public class SimilarityPairerTests
{
    [Fact]
    public void The_candidates_are_the_rows_sharing_the_most_tokens_the_lowest_first_among_equals()
    {
        // Right rows met in any order, each with a count of shared tokens; many ties, as common words give.
        var gen = Gen.Int[1, 5].Array[0, 60].Select(Gen.Int[1, 10], (counts, keep) => (counts, keep));
        gen.Sample((counts, keep) =>
        {
            var met = Enumerable.Range(0, counts.Length).Reverse().ToList();
            var best = new int[keep];
            var found = SimilarityPairer.MostShared(counts, met.ToArray(), best);
            var expected = met.OrderByDescending(r => counts[r]).ThenBy(r => r).Take(keep).ToArray();
            Assert.Equal(expected, best[..found]);
        }, seed: new PCG(7, 20261203).ToString(), iter: 5_000, threads: 1);
    }

    [Fact]
    public void Pairs_are_chosen_best_score_first_then_by_the_lowest_rows_each_row_once()
    {
        // Candidates from any split of the scoring, in any order, with many equal scores; a pair is scored once.
        var gen = Gen.Select(Gen.Int[0, 12], Gen.Int[0, 12], Gen.Int[0, 4]).Array[0, 80]
            .Select(found => found.DistinctBy(c => (c.Item1, c.Item2)).Select(c => new SimilarityPairer.Candidate(0.5 + (c.Item3 / 8.0), c.Item1, c.Item2)).ToArray());
        gen.Sample(found =>
        {
            var leftovers = new SimilarityPairer.Leftovers([.. Enumerable.Range(100, 13)], [.. Enumerable.Range(200, 13)], [], []);
            var matching = new RowMatching(113, 213);
            SimilarityPairer.Choose(leftovers, found.Reverse(), matching);
            // The reference: LINQ's stable ordering by the three keys, and the same greedy choice.
            var expected = new RowMatching(113, 213);
            var (leftTaken, rightTaken) = (new bool[13], new bool[13]);
            foreach (var c in found.OrderByDescending(c => c.Score).ThenBy(c => c.Left).ThenBy(c => c.Right))
            {
                if (!leftTaken[c.Left] && !rightTaken[c.Right])
                {
                    leftTaken[c.Left] = rightTaken[c.Right] = true;
                    expected.Pair(100 + c.Left, 200 + c.Right);
                }
            }
            Assert.Equal(expected.LeftToRight, matching.LeftToRight);
        }, seed: new PCG(11, 20261203).ToString(), iter: 3_000, threads: 1);
    }

    // Without a key, a changed row is found among the leftovers through what it still shares: its cells' values and, in cells
    // of several words, its words. Here no whole value is shared, only words.
    [Theory]
    [InlineData("the quick brown fox jumps over the lazy dog", "the quick brown fox leaps over the lazy dog")]
    [InlineData("Rua Augusta 120, 3º andar, Lisboa", "Rua Augusta 121, 3º andar, Lisboa")]
    public void Rows_sharing_only_words_pair_as_modified(string before, string after)
    {
        var left = $"note\n\"{before}\"\nlorem ipsum dolor sit amet\n";
        var right = $"note\n\"{after}\"\nconsectetur adipiscing elit sed do\n";
        var result = TableDiff.Compare(CsvText.Input("left.csv", left), CsvText.Input("right.csv", right), new DiffOptions());
        Assert.Equal(new DiffSummary(1, 1, 1, 0), result.Summary);
        var modified = Assert.Single(result.Rows, r => r.Type == RowChangeType.Modified);
        Assert.Equal((before, after), (modified.LeftValues![0], modified.RightValues![0]));
    }

    // Scoring stops early once the cells left cannot reach the threshold; a row that reaches it exactly must still pair. Each
    // pair here shares one of its columns and nothing in the others, so it scores exactly 1 / columns.
    [Theory]
    [InlineData(2, 0.5)]
    [InlineData(4, 0.25)]
    [InlineData(3, 1.0 / 3)]
    public void A_row_scoring_exactly_the_threshold_pairs_and_one_just_below_does_not(int columns, double threshold)
    {
        var header = string.Join(',', Enumerable.Range(0, columns).Select(c => $"c{c}"));
        var left = $"{header}\nsame,{string.Join(',', Enumerable.Repeat("qq", columns - 1))}\n";
        var right = $"{header}\nsame,{string.Join(',', Enumerable.Repeat("zz", columns - 1))}\n";
        var at = TableDiff.Compare(CsvText.Input("left.csv", left), CsvText.Input("right.csv", right), new DiffOptions { Similarity = threshold });
        Assert.Equal(new DiffSummary(0, 0, 1, 0), at.Summary);
        var above = TableDiff.Compare(CsvText.Input("left.csv", left), CsvText.Input("right.csv", right), new DiffOptions { Similarity = threshold + 1e-6 });
        Assert.Equal(new DiffSummary(1, 1, 0, 0), above.Summary);
    }
}
