// Repeated keys must be reported exactly as a plain count over the rows would: the left table first, its earliest repeated key.
using System.Globalization;
using CsCheck;
using CsvDiff.Sharding;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Properties;

public class RepeatedKeyProperties
{
    private static readonly DiffOptions Options = new() { Key = ["id"], Csv = new CsvFormat { Delimiter = ',' } };

    // Few distinct ids, so that some tables repeat keys and others do not, on one side, the other, or both.
    private static readonly Gen<(int[] Left, int[] Right)> Ids = Gen.Select(Gen.Int[0, 12].Array[0, 14], Gen.Int[0, 12].Array[0, 14]);

    private static string Table(int[] ids) => "id,v\n" + string.Concat(ids.Select((id, i) => $"{id},r{i}\n"));

    // The message a naive scan predicts: the key whose first row comes earliest among keys that come again.
    private static string? Expected(string name, int[] ids)
    {
        var first = new Dictionary<int, int>();
        var (repeated, earliest) = (0, int.MaxValue);
        for (var i = 0; i < ids.Length; i++)
        {
            if (first.TryGetValue(ids[i], out var at))
            {
                repeated++;
                earliest = Math.Min(earliest, at);
            }
            else
            {
                first[ids[i]] = i;
            }
        }
        if (repeated == 0)
        {
            return null;
        }
        var group = Enumerable.Range(earliest, ids.Length - earliest).Where(i => ids[i] == ids[earliest]).Take(5).ToArray();
        var lines = string.Join(", ", group.Select(i => (i + 2).ToString(CultureInfo.InvariantCulture)));
        var more = repeated > group.Length - 1 ? $"; {repeated} rows in all repeat an earlier key" : "";
        return $"{name}: line {group[1] + 2}: duplicate key id={ids[earliest]} (lines {lines}{more}); choose other key columns, or pair duplicates by occurrence";
    }

    private static string? Outcome(Func<DiffResult> diff)
    {
        try
        {
            diff();
            return null;
        }
        catch (CsvDiffException e)
        {
            return e.Message;
        }
    }

    [Fact]
    public void Repeated_keys_are_reported_as_a_plain_scan_predicts_however_the_diff_runs()
    {
        Ids.Array[200].Sample(all =>
        {
            foreach (var (leftIds, rightIds) in all)
            {
                var left = CsvText.Input("left.csv", Table(leftIds));
                var right = CsvText.Input("right.csv", Table(rightIds));
                var expected = Expected("left.csv", leftIds) ?? Expected("right.csv", rightIds);
                foreach (var execution in Executions.Partitioned().Prepend(Executions.Sequential))
                {
                    Assert.Equal(expected, Outcome(() => TableDiff.Compare(left, right, Options, execution)));
                }
                var sharded = new LocalShardCluster(left, ShardCuts.Even(left.Bytes.Span, 3), right, ShardCuts.Even(right.Bytes.Span, 2), Options, 3);
                Assert.Equal(expected, Outcome(() => ShardedDiff.CompareAsync(sharded, Options).GetAwaiter().GetResult().Result!));
            }
        }, seed: new PCG(41, 20261124).ToString(), iter: 1, threads: 1);
    }
}
