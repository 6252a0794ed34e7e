// Content mode's candidate choice: which right rows a left row is scored against decides what it pairs with.
using CsCheck;
using CsvDiff.Alignment;

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
            var found = SimilarityPairer.MostShared(counts, met, best);
            var expected = met.OrderByDescending(r => counts[r]).ThenBy(r => r).Take(keep).ToArray();
            Assert.Equal(expected, best[..found]);
        }, seed: new PCG(7, 20261203).ToString(), iter: 5_000, threads: 1);
    }
}
