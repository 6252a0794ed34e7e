// How alike two different strings are, from 0 to 1: the Dice coefficient of their character bigrams.
namespace CsvDiff.Comparison;

internal static class TextSimilarity
{
    public static double Dice(string a, string b)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            return string.Equals(a, b, StringComparison.Ordinal) ? 1 : 0;
        }
        var x = Bigrams(a);
        var y = Bigrams(b);
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
        return 2.0 * common / (x.Length + y.Length);
    }

    private static int[] Bigrams(string s)
    {
        var grams = new int[s.Length - 1];
        for (var i = 0; i < grams.Length; i++)
        {
            grams[i] = (s[i] << 16) | s[i + 1];
        }
        Array.Sort(grams);
        return grams;
    }
}
