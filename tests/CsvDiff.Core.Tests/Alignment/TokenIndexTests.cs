// Content mode's candidate index: the rows of each token, and none for a token too common to tell rows apart.
using CsCheck;
using CsvDiff.Alignment;

namespace CsvDiff.Tests.Alignment;

public class TokenIndexTests
{
    [Fact]
    public void Each_token_finds_exactly_the_rows_that_have_it_and_a_common_one_none()
    {
        // Rows of cells from small vocabularies, so tokens repeat: some in more rows than an index keeps, some in a few.
        var cell = Gen.OneOf(Gen.Int[0, 3].Select(i => $"common {i}"), Gen.Int[0, 400].Select(i => $"rare{i}"), Gen.Const(""),
            Gen.Int[0, 5].Select(i => $"twice {i} twice"));
        var gen = cell.Array[3].Array[0, 400];
        gen.Sample(rows =>
        {
            using var index = new TokenIndex(rows);
            // The reference: each row's tokens, and the rows of each token.
            var tokensOf = rows.Select(row =>
            {
                var buffer = new ulong[4];
                var count = TokenIndex.RowTokens(row, ref buffer);
                return buffer[..count];
            }).ToArray();
            var rowsOf = tokensOf.SelectMany((tokens, row) => tokens.Select(token => (token, row)))
                .GroupBy(t => t.token, t => t.row).ToDictionary(g => g.Key, g => g.ToArray());
            foreach (var tokens in tokensOf)
            {
                Assert.Equal(tokens.Length, tokens.Distinct().Count());
                var ids = new int[tokens.Length];
                index.Find(tokens, ids);
                for (var i = 0; i < tokens.Length; i++)
                {
                    var expected = rowsOf[tokens[i]].Length <= TokenIndex.MaxPostings ? rowsOf[tokens[i]] : [];
                    Assert.Equal(expected, index.RowsWith(ids[i]).ToArray());
                }
            }
            var unknown = new int[1];
            index.Find([0x5EED], unknown);
            Assert.Empty(index.RowsWith(unknown[0]).ToArray());
        }, seed: new PCG(3, 20261204).ToString(), iter: 200, threads: 1);
    }

    [Fact]
    public void A_row_has_a_token_for_each_value_and_for_each_word_of_a_cell_of_several_once()
    {
        var tokens = new ulong[1];
        // "a b a": its value and the words a and b; "solo": its value only; "": nothing; "x y": its value and two words.
        Assert.Equal(3 + 1 + 3, TokenIndex.RowTokens(["a b a", "solo", "", "x y"], ref tokens));
        // The same text in another column is another token.
        var first = new ulong[8];
        var second = new ulong[8];
        TokenIndex.RowTokens(["v", ""], ref first);
        TokenIndex.RowTokens(["", "v"], ref second);
        Assert.NotEqual(first[0], second[0]);
    }
}
