// Every folder under Data/cases is one case: two inputs, the arguments, the exit code, and the exact output expected.
using CsvDiff.Tests;

namespace CsvDiff.Cli.Tests;

public class FixtureCaseTests
{
    private static readonly string CasesRoot = Repository.PathOf("tests", "CsvDiff.Cli.Tests", "Data", "cases");

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(CasesRoot).Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileName(directory));
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_produces_its_expected_output(string name) => Check(name, args => CliRunner.Run(args));

    // What people run is the published csvdiff, native code (NativeAOT) built apart from the assembly the other cases call.
    [Theory]
    [MemberData(nameof(Cases))]
    public void The_published_native_csvdiff_gives_every_case_the_same_output(string name) => Check(name, CliRunner.RunPublished);

    private static void Check(string name, Func<string[], CliOutcome> run)
    {
        var directory = Path.Combine(CasesRoot, name);
        var settings = File.ReadAllLines(Path.Combine(directory, "case.txt"))
            .Where(l => l.Contains(':', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
        string[] args = [Path.Combine(directory, "left.csv"), Path.Combine(directory, "right.csv"), .. CliRunner.SplitArguments(settings["args"])];

        var outcome = run(args);

        // Inputs are named by absolute path; expected files name them relative to the case folder.
        var prefix = directory + Path.DirectorySeparatorChar;
        var stdout = outcome.Stdout.Replace(prefix, "", StringComparison.Ordinal);
        var stderr = outcome.Stderr.Replace(prefix, "", StringComparison.Ordinal);
        var expectedExit = int.Parse(settings["exit"], System.Globalization.CultureInfo.InvariantCulture);
        if (expectedExit == CliApp.Trouble)
        {
            Repository.AssertGolden(Path.Combine(directory, "expected.stderr"), stderr);
            Assert.Equal("", stdout);
        }
        else
        {
            Repository.AssertGolden(Path.Combine(directory, "expected.out"), stdout);
            Assert.Equal("", stderr);
        }
        Assert.Equal(expectedExit, outcome.ExitCode);
    }
}
