// One benchmark class per pipeline stage, each with a naive baseline: what the stage would cost written the obvious way.
using System.Text;
using BenchmarkDotNet.Attributes;
using CsvDiff.Comparison;
using CsvDiff.Internals;
using CsvDiff.Reading;

namespace CsvDiff.Benchmarks;

internal static class Stages
{
    public static PartitionRunner Sequential { get; } = new(SequentialScheduler.Instance, PartitionRunner.DefaultMinimumRowsPerPartition, CancellationToken.None);

    public static CsvTable Read(string name, byte[] bytes) => TableReader.Read(new TableInput(name, bytes), new CsvFormat(), null, CancellationToken.None);
}

[MemoryDiagnoser]
public class TokenizerBenchmarks
{
    private byte[] _left = [];

    [GlobalSetup]
    public void Setup() => _left = Pairs.Generate(100_000).Left;

    // Decoding to a string and splitting lines and commas: the first thing anyone writes, and wrong for quoted fields.
    [Benchmark(Baseline = true)]
    public int SplitStrings()
    {
        var fields = 0;
        foreach (var line in Encoding.UTF8.GetString(_left).Split('\n'))
        {
            fields += line.Split(',').Length;
        }
        return fields;
    }

    [Benchmark]
    public int ReadTable() => Stages.Read("left.csv", _left).RowCount;
}

[MemoryDiagnoser]
public class HashingBenchmarks
{
    private CsvTable _table = default!;
    private int[] _columns = [];
    private readonly ValueNormalizer _normalizer = new CellComparer(new ValueComparison()).Normalizer;

    [GlobalSetup]
    public void Setup()
    {
        _table = Stages.Read("left.csv", Pairs.Generate(100_000).Left);
        _columns = Enumerable.Range(0, _table.Columns.Length).ToArray();
    }

    // Every row as one joined string, hashed by the framework: strings for every cell of every row.
    [Benchmark(Baseline = true)]
    public int JoinedStringHashes()
    {
        var fields = new FieldList();
        var scratch = new byte[256];
        var sum = 0;
        for (var row = 0; row < _table.RowCount; row++)
        {
            sum ^= string.Join('\u001f', _table.GetRowValues(row, fields, ref scratch)).GetHashCode(StringComparison.Ordinal);
        }
        return sum;
    }

    [Benchmark]
    public ulong[] RowFingerprints() => Fingerprinting.RowFingerprints.Compute(_table, _columns, [0], _normalizer, Stages.Sequential, Fingerprinting.RowHashForm.Cells).RowHashes;
}

[MemoryDiagnoser]
public class KeyIndexBenchmarks
{
    private ulong[] _left = [];
    private ulong[] _right = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _left = Enumerable.Range(0, 1_000_000).Select(_ => (ulong)random.NextInt64()).ToArray();
        _right = _left.Select((hash, i) => i % 100 == 0 ? (ulong)random.NextInt64() : hash).Reverse().ToArray();
    }

    [Benchmark(Baseline = true)]
    public int Dictionary()
    {
        var index = new Dictionary<ulong, int>(_left.Length);
        for (var row = 0; row < _left.Length; row++)
        {
            index.TryAdd(_left[row], row);
        }
        var paired = 0;
        foreach (var hash in _right)
        {
            paired += index.Remove(hash) ? 1 : 0;
        }
        return paired;
    }

    [Benchmark]
    public int HashMatcher() => Alignment.HashMatcher.Match(_left, _right, Stages.Sequential).RightToLeft.Count(l => l >= 0);
}

[MemoryDiagnoser]
public class DiffBenchmarks
{
    private TableInput _left = default!;
    private TableInput _right = default!;
    private TableInput _contentLeft = default!;
    private TableInput _contentRight = default!;

    [GlobalSetup]
    public void Setup()
    {
        var (left, right) = Pairs.Generate(100_000);
        (_left, _right) = (new TableInput("left.csv", left), new TableInput("right.csv", right));
        var (contentLeft, contentRight) = Pairs.Generate(10_000, shuffle: true);
        (_contentLeft, _contentRight) = (new TableInput("left.csv", contentLeft), new TableInput("right.csv", contentRight));
    }

    [Benchmark]
    public int Keyed() => TableDiff.Compare(_left, _right, new DiffOptions { Key = ["id"] }).Rows.Count;

    // Content mode: exact matching by row hash, then similarity pairing of the leftovers.
    [Benchmark]
    public int ContentMatching() => TableDiff.Compare(_contentLeft, _contentRight, new DiffOptions()).Rows.Count;
}
