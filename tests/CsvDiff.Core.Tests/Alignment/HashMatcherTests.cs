// Pairing by hash against the obvious reference: the n-th left occurrence of a hash with the n-th right one.
using CsCheck;
using CsvDiff.Alignment;
using CsvDiff.Internals;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Alignment;

public class HashMatcherTests
{
    // Hashes from a small set, so that they repeat; the high bits pick the partition, and skewed sets put them all in one.
    private static Gen<ulong[]> Hashes(bool skewed) =>
        Gen.Int[0, 40].Select(i => skewed ? (ulong)(uint)(i * 2654435761u) : (ulong)i * 0x9E3779B97F4A7C15UL).Array[0, 200];

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(4, true)]
    public void Pairs_the_nth_occurrences_of_each_hash_in_file_order(int parallelism, bool skewed)
    {
        var runner = new PartitionRunner(new ThreadedScheduler(parallelism), 1, CancellationToken.None);
        Gen.Select(Hashes(skewed), Hashes(skewed), Gen.Int[0, 5]).Sample((left, right, padding) =>
        {
            var (paddedLeft, paddedRight) = Padded(left, right, padding);
            var matching = HashMatcher.Match(paddedLeft, left.Length, paddedRight, right.Length, runner);
            Assert.Equal(Reference(left, right), matching.RightToLeft);
            Assert.Equal(left.Length, matching.LeftToRight.Length);
        }, seed: new PCG(16, 20261202).ToString(), iter: 400, threads: 1);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(4, true)]
    public void Unique_matching_agrees_with_the_reference_and_finds_the_first_repeat(int parallelism, bool skewed)
    {
        var runner = new PartitionRunner(new ThreadedScheduler(parallelism), 1, CancellationToken.None);
        Gen.Select(Hashes(skewed), Hashes(skewed), Gen.Int[0, 5]).Sample((left, right, padding) =>
        {
            var (paddedLeft, paddedRight) = Padded(left, right, padding);
            var (matching, leftRepeats, _) = HashMatcher.MatchUnique(paddedLeft, left.Length, paddedRight, right.Length, runner);
            // What a duplicate-key error starts from: the earliest row whose hash comes again.
            var firstRepeated = Enumerable.Range(0, left.Length).Where(row => left.Count(hash => hash == left[row]) > 1).DefaultIfEmpty(-1).First();
            if (firstRepeated < 0)
            {
                Assert.Equal(0, leftRepeats.RepeatedRows);
                Assert.Equal(Reference(left, right), matching.RightToLeft);
            }
            else
            {
                Assert.Equal(firstRepeated, leftRepeats.FirstRepeated);
                Assert.Equal(left.Length - left.Distinct().Count(), leftRepeats.RepeatedRows);
            }
        }, seed: new PCG(16, 20261202).ToString(), iter: 400, threads: 1);
    }

    // Hashes taken while streaming sit in arrays longer than the table: what lies past the counts must neither pair nor count as
    // a repeat. Each side is padded with the other's first hash, which would pair, and the left's first, which would repeat.
    private static (ulong[] Left, ulong[] Right) Padded(ulong[] left, ulong[] right, int padding) =>
        ([.. left, .. Enumerable.Repeat(right.FirstOrDefault(), padding), .. Enumerable.Repeat(left.FirstOrDefault(), padding)],
         [.. right, .. Enumerable.Repeat(left.FirstOrDefault(), padding)]);

    private static int[] Reference(ulong[] left, ulong[] right)
    {
        var waiting = new Dictionary<ulong, Queue<int>>();
        for (var row = 0; row < left.Length; row++)
        {
            (waiting.TryGetValue(left[row], out var rows) ? rows : waiting[left[row]] = new Queue<int>()).Enqueue(row);
        }
        return right.Select(hash => waiting.TryGetValue(hash, out var rows) && rows.Count > 0 ? rows.Dequeue() : -1).ToArray();
    }
}
