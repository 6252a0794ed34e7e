// Our reader against Sep's on the same bytes (issue 16 asks whether Sep should be the tokenizer): reading a table, and
// reading it while hashing every row and its key, which is the floor bench/floor.sh measures whole programs against.
using System.IO.Hashing;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Reading;
using nietras.SeparatedValues;

namespace CsvDiff.Benchmarks;

[MemoryDiagnoser]
public class SepBenchmarks
{
    private byte[] _left = [];
    private readonly ValueNormalizer _normalizer = new CellComparer(new ValueComparison()).Normalizer;

    [GlobalSetup]
    public void Setup() => _left = Pairs.Generate(100_000).Left;

    // Sep finds every field of every row and decodes the text to UTF-16 as it goes.
    [Benchmark(Baseline = true)]
    public int SepFields()
    {
        using var reader = Sep.Reader().From(_left);
        var fields = 0;
        foreach (var row in reader)
        {
            fields += row.ColCount;
        }
        return fields;
    }

    // Ours validates the UTF-8, then indexes every record (its start, line and field count) without decoding it.
    [Benchmark]
    public int CsvDiffIndex() => Stages.Read("left.csv", _left).RowCount;

    [Benchmark]
    public ulong SepHashRowsAndKeys()
    {
        using var reader = Sep.Reader().From(_left);
        var sum = 0UL;
        foreach (var row in reader)
        {
            sum += XxHash3.HashToUInt64(MemoryMarshal.AsBytes(row.Span)) ^ XxHash3.HashToUInt64(MemoryMarshal.AsBytes(row[0].Span));
        }
        return sum;
    }

    // What a keyed diff's reading does: the index, the key's hash and the whole record's hash in one pass.
    [Benchmark]
    public int CsvDiffHashRowsAndKeys()
    {
        var hashes = new RowFingerprints.Builder([.. Enumerable.Range(0, 10)], [0], _normalizer, RowHashForm.RawRecord);
        var table = TableReader.Read(new TableInput("left.csv", _left), new CsvFormat(), null, CancellationToken.None, hashes);
        return hashes.Build(table.RowCount).RowCount;
    }
}
