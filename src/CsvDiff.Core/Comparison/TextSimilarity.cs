// How alike two different strings are, from 0 to 1: the Dice coefficient of their character bigrams. The bigrams are made
// apart from the comparison, so that a caller comparing one string with many makes them once.
namespace CsvDiff.Comparison;

internal static class TextSimilarity
{
    /// <summary>The Dice coefficient of two strings' sorted bigrams (<see cref="Bigrams(string)"/>); 0 when neither has any.</summary>
    public static double Dice(ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        int i = 0, j = 0, common = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j])
            {
                common++;
                i++;
                j++;
            }
            else if (x[i] < y[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return x.Length + y.Length == 0 ? 0 : 2.0 * common / (x.Length + y.Length);
    }

    /// <summary>A string's character bigrams, each as one int, sorted; none for a string shorter than two characters.</summary>
    public static int[] Bigrams(string s)
    {
        var grams = new int[BigramCount(s)];
        Bigrams(s, grams);
        return grams;
    }

    /// <summary>How many bigrams <paramref name="s"/> has: one fewer than its characters, or none.</summary>
    public static int BigramCount(string s) => Math.Max(s.Length - 1, 0);

    /// <summary>As <see cref="Bigrams(string)"/>, into the first <see cref="BigramCount"/> ints of <paramref name="grams"/>.</summary>
    public static void Bigrams(string s, Span<int> grams)
    {
        grams = grams[..BigramCount(s)];
        for (var i = 0; i < grams.Length; i++)
        {
            grams[i] = (s[i] << 16) | s[i + 1];
        }
        grams.Sort();
    }
}
