// The benchmark generator's pairs differ by exactly what it says, byte-identically for a seed: the kit's numbers rest on it.
using CsvDiff.Cli.Generating;

namespace CsvDiff.Cli.Tests;

public class GeneratorTests
{
    // Internal options cannot be theory parameters of a public test, so cases are picked by index.
    private static readonly GeneratorOptions[] OptionSets =
    [
        new GeneratorOptions { Rows = 3_000 },
        new GeneratorOptions { Rows = 3_000, Seed = 7, Modified = 0.1, Added = 0.05, Removed = 0.02, CellsPerChange = 3 },
        new GeneratorOptions { Rows = 2_000, Columns = 4, Shuffle = true, Modified = 0.2 },
        new GeneratorOptions { Rows = 2_000, Columns = 6, AddColumns = 2, RemoveColumns = 1, Modified = 0.05 },
        new GeneratorOptions { Rows = 0 },
        new GeneratorOptions { Rows = 500, Columns = 1, Modified = 0.3 },
        new GeneratorOptions { Rows = 2_000, LineBreaks = false },
    ];

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, OptionSets.Length)];

    private static (byte[] Left, byte[] Right, GeneratedCounts Counts) Generate(GeneratorOptions options)
    {
        using var left = new MemoryStream();
        using var right = new MemoryStream();
        var counts = TableGenerator.Write(options, left, right);
        return (left.ToArray(), right.ToArray(), counts);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_keyed_diff_of_a_generated_pair_finds_exactly_the_counts_it_reports(int index)
    {
        var options = OptionSets[index];
        var (left, right, counts) = Generate(options);
        var result = TableDiff.Compare(new TableInput("left.csv", left), new TableInput("right.csv", right), new DiffOptions { Key = ["id"] });
        Assert.Equal(new DiffSummary(counts.Added, counts.Removed, counts.Modified, counts.Unchanged), result.Summary);
        Assert.Equal(options.AddColumns, result.Columns.Added.Count);
        Assert.Equal(options.Columns > 1 ? Math.Min(options.RemoveColumns, options.Columns - 2) : 0, result.Columns.Removed.Count);
    }

    [Fact]
    public void Without_line_breaks_every_record_is_one_line()
    {
        var (left, right, counts) = Generate(new GeneratorOptions { Rows = 2_000, LineBreaks = false });
        Assert.Equal(2_001, left.Count(b => b == '\n'));
        Assert.Equal(1 + counts.Added + counts.Modified + counts.Unchanged, right.Count(b => b == '\n'));
    }

    [Fact]
    public void The_same_seed_writes_the_same_bytes_and_another_seed_does_not()
    {
        var first = Generate(new GeneratorOptions { Rows = 1_000, Seed = 42 });
        var again = Generate(new GeneratorOptions { Rows = 1_000, Seed = 42 });
        var other = Generate(new GeneratorOptions { Rows = 1_000, Seed = 43 });
        Assert.Equal(first.Left, again.Left);
        Assert.Equal(first.Right, again.Right);
        Assert.NotEqual(first.Left, other.Left);
    }

    [Fact]
    public void Generate_writes_files_and_says_what_a_diff_will_find()
    {
        var folder = Directory.CreateTempSubdirectory("csvdiff-generate-").FullName;
        try
        {
            var (left, right) = (Path.Combine(folder, "a.csv"), Path.Combine(folder, "b.csv"));
            var outcome = CliRunner.Run(["generate", left, right, "--rows", "1000", "--seed", "3"]);
            Assert.Equal(0, outcome.ExitCode);
            Assert.Equal($"wrote {left} and {right}; a keyed diff (--key id) finds 5 added, 5 removed, 10 modified, 985 unchanged\n", outcome.Stdout);
            var diff = CliRunner.Run([left, right, "--key", "id", "-f", "summary"]);
            Assert.StartsWith("5 added, 5 removed, 10 modified, 985 unchanged", diff.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
