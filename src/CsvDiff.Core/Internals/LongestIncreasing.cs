// The longest run of values that increase, taken in order: what kept its place when items were reordered (columns or rows).
namespace CsvDiff.Internals;

internal static class LongestIncreasing
{
    /// <summary>For each value, whether it belongs to one longest strictly increasing subsequence of <paramref name="values"/>.</summary>
    public static bool[] Members(ReadOnlySpan<int> values)
    {
        var tails = new int[values.Length];
        var previous = new int[values.Length];
        var length = 0;
        for (var i = 0; i < values.Length; i++)
        {
            int lo = 0, hi = length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (values[tails[mid]] < values[i])
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            length = Math.Max(length, lo + 1);
        }
        var members = new bool[values.Length];
        for (var i = length > 0 ? tails[length - 1] : -1; i >= 0; i = previous[i])
        {
            members[i] = true;
        }
        return members;
    }
}
