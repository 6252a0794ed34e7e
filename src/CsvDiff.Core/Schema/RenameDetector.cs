// Finds removed and added columns that are one column renamed: their values agree on most rows already paired.
using CsvDiff.Alignment;
using CsvDiff.Comparison;
using CsvDiff.Reading;

namespace CsvDiff.Schema;

internal static class RenameDetector
{
    private const int SampleRows = 1000;

    /// <summary>Every removed-added pair is counted on every sampled row; past this many pairs that costs more than renames are worth.</summary>
    public const long MaxCandidatePairs = 10_000;
    // "Most" rows: a clear majority, so one edited value does not hide a rename, yet coin-flip agreement does not make one.
    private const double RequiredAgreement = 0.6;

    /// <summary>The paired rows whose cells are compared: the first ones in right-hand order.</summary>
    public static List<(int Left, int Right)> SampledPairs(RowMatching matching)
    {
        var pairs = new List<(int, int)>();
        for (var r = 0; r < matching.RightToLeft.Length && pairs.Count < SampleRows; r++)
        {
            if (matching.RightToLeft[r] >= 0)
            {
                pairs.Add((matching.RightToLeft[r], r));
            }
        }
        return pairs;
    }

    public static List<(int Left, int Right)> Detect(IRowSource left, IRowSource right, ColumnPlan plan, RowMatching matching, CellComparer comparer)
    {
        var agreeing = new int[plan.Removed.Length, plan.Added.Length];
        var informative = new int[plan.Removed.Length, plan.Added.Length];
        var leftFields = new FieldList();
        var rightFields = new FieldList();
        var scratch = new byte[256];
        var sample = SampledPairs(matching);
        foreach (var (l, r) in sample)
        {
            var leftValues = left.GetRowValues(l, leftFields, ref scratch);
            var rightValues = right.GetRowValues(r, rightFields, ref scratch);
            for (var i = 0; i < plan.Removed.Length; i++)
            {
                var oldValue = leftValues[plan.Removed[i]];
                for (var j = 0; j < plan.Added.Length; j++)
                {
                    if (comparer.AreEqual(oldValue, rightValues[plan.Added[j]]))
                    {
                        agreeing[i, j]++;
                        informative[i, j] += oldValue.Length > 0 ? 1 : 0;
                    }
                }
            }
        }
        var sampled = sample.Count;
        if (sampled == 0)
        {
            return [];
        }
        var candidates = new List<(double Agreement, int Removed, int Added)>();
        for (var i = 0; i < plan.Removed.Length; i++)
        {
            for (var j = 0; j < plan.Added.Length; j++)
            {
                var agreement = (double)agreeing[i, j] / sampled;
                // Two empty columns agree everywhere and prove nothing; at least one shared real value is needed.
                if (agreement >= RequiredAgreement && informative[i, j] > 0)
                {
                    candidates.Add((agreement, i, j));
                }
            }
        }
        var renames = new List<(int Left, int Right)>();
        var removedTaken = new bool[plan.Removed.Length];
        var addedTaken = new bool[plan.Added.Length];
        foreach (var (_, i, j) in candidates.OrderByDescending(c => c.Agreement).ThenBy(c => plan.Added[c.Added]).ThenBy(c => plan.Removed[c.Removed]))
        {
            if (!removedTaken[i] && !addedTaken[j])
            {
                removedTaken[i] = addedTaken[j] = true;
                renames.Add((plan.Removed[i], plan.Added[j]));
            }
        }
        return renames;
    }
}
