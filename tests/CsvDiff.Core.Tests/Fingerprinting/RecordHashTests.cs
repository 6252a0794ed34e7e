// The whole-record hash decides alone whether two paired rows are equal, so different records must get different hashes.
using CsCheck;
using CsvDiff.Fingerprinting;

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
}
