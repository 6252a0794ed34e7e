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

    public static List<(int Left, int Right)> Detect(CsvTable left, CsvTable right, ColumnPlan plan, RowMatching matching, CellComparer comparer)
    {
        var agreeing = new int[plan.Removed.Length, plan.Added.Length];
        var informative = new int[plan.Removed.Length, plan.Added.Length];
        var leftFields = new FieldList();
        var rightFields = new FieldList();
        var scratch = new byte[256];
        var sampled = 0;
        for (var r = 0; r < matching.RightToLeft.Length && sampled < SampleRows; r++)
        {
            var l = matching.RightToLeft[r];
            if (l < 0)
            {
                continue;
            }
            sampled++;
            left.ReadFields(l, leftFields);
            right.ReadFields(r, rightFields);
            for (var i = 0; i < plan.Removed.Length; i++)
            {
                var oldValue = left.GetString(leftFields, plan.Removed[i], ref scratch);
                for (var j = 0; j < plan.Added.Length; j++)
                {
                    if (comparer.AreEqual(oldValue, right.GetString(rightFields, plan.Added[j], ref scratch)))
                    {
                        agreeing[i, j]++;
                        informative[i, j] += oldValue.Length > 0 ? 1 : 0;
                    }
                }
            }
        }
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
