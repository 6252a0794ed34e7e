// The Dice coefficient of character bigrams, as content mode scores candidate cells: against a reference that counts shared
// bigrams with a dictionary, for any pair of strings (with repeated bigrams, characters past 0x8000, strings too short).
using CsCheck;
using CsvDiff.Comparison;

namespace CsvDiff.Tests.Comparison;

public class TextSimilarityTests
{
    private static readonly Gen<string> Text = Gen.String[Gen.Char["aab ,é\u8000\uffff"], 0, 12];

    [Fact]
    public void Dice_of_sorted_bigrams_equals_a_counting_reference()
    {
        Gen.Select(Text, Text).Sample((a, b) =>
        {
            var score = TextSimilarity.Dice(TextSimilarity.Bigrams(a), TextSimilarity.Bigrams(b));
            Assert.Equal(Reference(a, b), score, 12);
            Assert.Equal(score, TextSimilarity.Dice(TextSimilarity.Bigrams(b), TextSimilarity.Bigrams(a)), 12);
        });
    }

    // Content mode makes a left row's bigrams in buffers it reuses for the next row: what an earlier, longer cell left there
    // must not count.
    [Fact]
    public void Bigrams_made_into_a_reused_buffer_equal_bigrams_made_alone()
    {
        Gen.Select(Text, Text).Sample((a, b) =>
        {
            // One buffer for both strings, as for one column's cells row after row (CsCheck samples on several threads).
            var buffer = new int[16];
            buffer.AsSpan().Fill(int.MaxValue);
            foreach (var s in new[] { a, b })
            {
                TextSimilarity.Bigrams(s, buffer);
                var made = buffer.AsSpan(0, TextSimilarity.BigramCount(s));
                Assert.Equal(TextSimilarity.Bigrams(s), made.ToArray());
                Assert.Equal(Reference(s, a), TextSimilarity.Dice(made, TextSimilarity.Bigrams(a)), 12);
            }
        });
    }

    [Theory]
    [InlineData("night", "nacht", 0.25)]
    [InlineData("abab", "abab", 1.0)]
    [InlineData("a", "a", 0.0)]
    [InlineData("", "ab", 0.0)]
    public void Known_scores(string a, string b, double expected) =>
        Assert.Equal(expected, TextSimilarity.Dice(TextSimilarity.Bigrams(a), TextSimilarity.Bigrams(b)), 12);

    private static double Reference(string a, string b)
    {
        var left = Bigrams(a);
        var right = Bigrams(b);
        var total = left.Values.Sum() + right.Values.Sum();
        var shared = left.Sum(gram => Math.Min(gram.Value, right.GetValueOrDefault(gram.Key)));
        return total == 0 ? 0 : 2.0 * shared / total;
    }

    private static Dictionary<string, int> Bigrams(string s)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < s.Length; i++)
        {
            counts[s.Substring(i, 2)] = counts.GetValueOrDefault(s.Substring(i, 2)) + 1;
        }
        return counts;
    }
}
