// The README's opening example must stay what csvdiff prints, so the first thing a reader sees is true.
using System.Text.RegularExpressions;
using CsvDiff.Tests;

namespace CsvDiff.Cli.Tests;

public partial class ReadmeTests
{
    [Fact]
    public void The_opening_example_shows_what_csvdiff_prints()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var example = OpeningExample().Match(readme);
        Assert.True(example.Success, "README.md no longer opens with a `$ csvdiff …` example block");
        var shown = example.Groups["output"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line != "...")
            .ToArray();

        var examples = Repository.PathOf("examples") + Path.DirectorySeparatorChar;
        var args = example.Groups["args"].Value.Split(' ').Select(a => a.EndsWith(".csv", StringComparison.Ordinal) ? examples + a : a).ToArray();
        var printed = CliRunner.Run(args).Stdout.Replace(examples, "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // The README may leave rows out ("..."), but every line it shows must appear, in order.
        var next = 0;
        foreach (var line in shown)
        {
            while (next < printed.Length && printed[next] != line)
            {
                next++;
            }
            Assert.True(next < printed.Length, $"README shows a line csvdiff does not print (in this order): {line}");
            next++;
        }
    }

    [GeneratedRegex(@"```\n\$ csvdiff (?<args>[^\n]+)\n(?<output>.*?)```", RegexOptions.Singleline)]
    private static partial Regex OpeningExample();
}
