// The generated pairs every benchmark reads: what bench/compare.sh measures end to end, at micro-benchmark sizes.
using CsvDiff.Cli.Generating;

namespace CsvDiff.Benchmarks;

public static class Pairs
{
    public static (byte[] Left, byte[] Right) Generate(int rows, bool shuffle = false)
    {
        using var left = new MemoryStream();
        using var right = new MemoryStream();
        TableGenerator.Write(new GeneratorOptions { Rows = rows, Seed = 1, Shuffle = shuffle }, left, right);
        return (left.ToArray(), right.ToArray());
    }
}
