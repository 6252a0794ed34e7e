// The whole-record hash decides alone whether two paired rows are equal, so different records must get different hashes;
// and the hashes taken while a table is read must be those taken from it afterwards.
using System.Text;
using CsCheck;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;
using CsvDiff.Reading;

namespace CsvDiff.Tests.Fingerprinting;

public class RecordHashTests
{
    [Fact]
    public void Records_that_differ_in_one_byte_never_share_a_hash()
    {
        var gen = Gen.Select(Gen.Byte.Array[1, 300], Gen.Int, Gen.Byte[1, 255]);
        gen.Sample((record, at, change) =>
        {
            var changed = (byte[])record.Clone();
            changed[(int)((uint)at % record.Length)] ^= change;
            Assert.NotEqual(RowFingerprints.RecordHash(record), RowFingerprints.RecordHash(changed));
        }, seed: new PCG(51, 20261124).ToString(), iter: 20_000, threads: 1);
    }

    [Fact]
    public void A_million_records_alike_but_for_their_numbers_get_a_million_hashes()
    {
        // Rows of an export differ in few, nearby bytes: the case a weak hash would collide on.
        var seen = new HashSet<ulong>();
        for (var i = 0; i < 1_000_000; i++)
        {
            var record = System.Text.Encoding.UTF8.GetBytes($"{i},name {i % 997},{i * 7 % 10007}.{i % 100:00},Kraków,\"a, b\",{i % 3}");
            Assert.True(seen.Add(RowFingerprints.RecordHash(record)), $"record {i} collides");
        }
        Assert.NotEqual(RowFingerprints.RecordHash([]), RowFingerprints.RecordHash([0]));
    }

    [Fact]
    public void Rows_keyed_on_one_column_hash_alike_taken_while_reading_and_afterwards()
    {
        // Taken while reading, rows keyed on one column and compared whole go by a shorter way than the general hasher that
        // hashes a table afterwards: both must give the same hashes, the key quoted or not, with quotes inside or none, and
        // a short row without the key cell.
        var cell = Gen.OneOf("1", "2", "a b", "\"q\"", "\"x,y\"", "\"say \"\"hi\"\"\"", "\"\"", "é");
        var row = cell.Array[1, 4].Select(cells => string.Join(',', cells));
        var gen = Gen.Select(row.Array[1, 20], Gen.Int[0, 2]);
        var runner = new PartitionRunner(SequentialScheduler.Instance, 1, CancellationToken.None);
        var exact = new ValueNormalizer(ValueComparison.Exact);
        gen.Sample((rows, keyColumn) =>
        {
            var input = new TableInput("t.csv", Encoding.UTF8.GetBytes("a,b,c\n" + string.Join('\n', rows) + "\n"));
            var format = new CsvFormat { Delimiter = ',', AllowRagged = true };
            int[] columns = [0, 1, 2];
            var builder = new RowFingerprints.Builder(columns, [keyColumn], exact, RowHashForm.RawRecord);
            var table = TableReader.Read(input, format, null, CancellationToken.None, builder);
            var whileReading = builder.Build(table.RowCount).Exact();
            var afterwards = RowFingerprints.Compute(table, columns, [keyColumn], exact, runner, RowHashForm.RawRecord);
            Assert.Equal(afterwards.RowHashes, whileReading.RowHashes);
            Assert.Equal(afterwards.KeyHashes, whileReading.KeyHashes);
        }, seed: new PCG(52, 20261203).ToString(), iter: 2_000, threads: 1);
    }

    [Fact]
    public void A_table_read_whole_gives_the_hashes_it_took_while_reading_as_it_would_take_them_afterwards()
    {
        // The hashes a plan asks for are taken while the table is read, in every form, with value options or without; asked
        // for once more, or for other columns than the plan's, the table takes them afterwards. Each way gives the same.
        var cell = Gen.OneOf("1", "2", "A b", " a b ", "\"q\"", "\"x,y\"", "\"say \"\"hi\"\"\"", "\"\"", "é", "");
        var row = cell.Array[1, 4].Select(cells => string.Join(',', cells));
        var gen = Gen.Select(row.Array[1, 20], Gen.Int[0, 2], Gen.Enum<RowHashForm>(), Gen.Bool);
        var runner = new PartitionRunner(SequentialScheduler.Instance, 1, CancellationToken.None);
        gen.Sample((rows, keyColumn, form, ignoreCase) =>
        {
            var normalizer = new ValueNormalizer(new ValueComparison { IgnoreCase = ignoreCase, Trim = ignoreCase });
            var input = new TableInput("t.csv", Encoding.UTF8.GetBytes("a,b,c\n" + string.Join('\n', rows) + "\n"));
            var format = new CsvFormat { Delimiter = ',', AllowRagged = true };
            int[] columns = [0, 1, 2];
            var table = CsvTable.Read(input, format, new ReadPlan(null, columns, [keyColumn], form), normalizer, null, CancellationToken.None);
            var taken = table.Hash(columns, [keyColumn], form, normalizer, runner).Exact();
            var afterwards = table.Hash(columns, [keyColumn], form, normalizer, runner);
            Assert.Equal(afterwards.RowHashes, taken.RowHashes);
            Assert.Equal(afterwards.KeyHashes, taken.KeyHashes);
            var fresh = RowFingerprints.Compute(table, [1, 2], [0], normalizer, runner, form);
            var otherPlan = CsvTable.Read(input, format, new ReadPlan(null, columns, [keyColumn], form), normalizer, null, CancellationToken.None)
                .Hash([1, 2], [0], form, normalizer, runner);
            Assert.Equal(fresh.RowHashes, otherPlan.RowHashes);
            Assert.Equal(fresh.KeyHashes, otherPlan.KeyHashes);
        }, seed: new PCG(53, 20261203).ToString(), iter: 2_000, threads: 1);
    }
}
