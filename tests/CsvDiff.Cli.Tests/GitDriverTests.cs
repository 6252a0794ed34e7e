// `csvdiff git install` end to end: Debian's git in a temporary repository drives the published csvdiff as its diff and merge driver.
using System.Diagnostics;
using CsvDiff.Tests;

namespace CsvDiff.Cli.Tests;

public sealed class GitDriverTests : IDisposable
{
    private static readonly string Csvdiff = Repository.PathOf("artifacts", "csvdiff", "csvdiff");
    private readonly string _home = Directory.CreateTempSubdirectory("csvdiff-git-").FullName;
    private readonly string _repo;

    public GitDriverTests()
    {
        Assert.True(File.Exists(Csvdiff), $"{Csvdiff} is missing: ./test.sh publishes csvdiff before the tests run");
        _repo = Directory.CreateDirectory(Path.Combine(_home, "repo")).FullName;
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Tester");
        Git("config", "user.email", "tester@example.com");
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Installed_drivers_diff_tables_merge_cells_and_come_out_again()
    {
        Succeed(Csvdiff, "git", "install", "--key", "id");
        Assert.Contains("*.csv diff=csvdiff merge=csvdiff", File.ReadAllText(Path.Combine(_repo, ".gitattributes")), StringComparison.Ordinal);
        Assert.Contains("git diff-driver --key 'id'", Git("config", "diff.csvdiff.command"), StringComparison.Ordinal);

        Write("id,name,city\n1,Ann,Oslo\n2,Bob,Rome\n3,Cy,Lima\n");
        Git("add", ".");
        Git("commit", "-qm", "base");

        // git diff shows what changed, cell by cell; git log -p and git show (which run no external diff unless told) show the
        // changed cells' lines.
        Write("id,name,city\n1,Anne,Oslo\n2,Bob,Rome\n3,Cy,Lima\n");
        var diff = Git("diff");
        Assert.Contains("~ id=1", diff, StringComparison.Ordinal);
        Assert.Contains("name: \"Ann\" → \"Anne\"", diff, StringComparison.Ordinal);
        Git("commit", "-qam", "rename Ann");
        foreach (var shown in new[] { Git("log", "-p", "-1"), Git("show") })
        {
            Assert.Contains(" id=1\n-    name: \"Ann\"\n+    name: \"Anne\"\n     city: \"Oslo\"\n", shown, StringComparison.Ordinal);
        }
        Assert.Contains("name: \"Ann\" → \"Anne\"", Git("log", "-p", "--ext-diff", "-1"), StringComparison.Ordinal);

        // Two branches change different cells of the same line: the merge is clean and keeps both.
        Git("checkout", "-q", "-b", "theirs", "HEAD~1");
        Write("id,name,city\n1,Ann,Bergen\n2,Bob,Rome\n3,Cy,Lima\n");
        Git("commit", "-qam", "move Ann");
        Git("checkout", "-q", "main");
        Git("merge", "-q", "--no-edit", "theirs");
        Assert.Equal("id,name,city\n1,Anne,Bergen\n2,Bob,Rome\n3,Cy,Lima\n", Read());

        // Two branches change the same cell: a conflict, marked in the cell, and git stops.
        Git("checkout", "-q", "-b", "other", "HEAD~2");
        Write("id,name,city\n1,Ann,Oslo\n2,Robert,Rome\n3,Cy,Lima\n");
        Git("commit", "-qam", "Robert");
        Git("checkout", "-q", "main");
        Write("id,name,city\n1,Anne,Bergen\n2,Bobby,Rome\n3,Cy,Lima\n");
        Git("commit", "-qam", "Bobby");
        var (exit, output) = GitOutcome("merge", "--no-edit", "other");
        Assert.NotEqual(0, exit);
        Assert.Contains("CONFLICT", output, StringComparison.Ordinal);
        Assert.Equal("id,name,city\n1,Anne,Bergen\n2,((( Bob ))) Bobby /// Robert,Rome\n3,Cy,Lima\n", Read());
        Git("merge", "--abort");

        Succeed(Csvdiff, "git", "uninstall");
        Assert.False(File.Exists(Path.Combine(_repo, ".gitattributes")));
        Assert.Equal(1, GitOutcome("config", "diff.csvdiff.command").Exit);
        Write("id,name,city\n1,Anne,Paris\n2,Bobby,Rome\n3,Cy,Lima\n");
        Assert.Contains("-1,Anne,Bergen", Git("diff"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_global_install_writes_the_user_config_and_attributes_file()
    {
        Succeed(Csvdiff, "git", "install", "--global");
        Assert.Contains("*.csv diff=csvdiff merge=csvdiff", File.ReadAllText(Path.Combine(_home, ".config", "git", "attributes")), StringComparison.Ordinal);
        Assert.Contains("git merge-driver %O %A %B", File.ReadAllText(Path.Combine(_home, ".gitconfig")), StringComparison.Ordinal);
        Succeed(Csvdiff, "git", "uninstall", "--global");
        Assert.DoesNotContain("csvdiff", File.ReadAllText(Path.Combine(_home, ".gitconfig")), StringComparison.Ordinal);
        Assert.DoesNotContain("csvdiff", File.ReadAllText(Path.Combine(_home, ".config", "git", "attributes")), StringComparison.Ordinal);
    }

    private void Write(string text) => File.WriteAllText(Path.Combine(_repo, "people.csv"), text);

    private string Read() => File.ReadAllText(Path.Combine(_repo, "people.csv"));

    private string Git(params string[] args)
    {
        var (exit, output) = GitOutcome(args);
        Assert.True(exit == 0, $"git {string.Join(' ', args)} failed ({exit}):\n{output}");
        return output;
    }

    private (int Exit, string Output) GitOutcome(params string[] args) => Run("git", args);

    private void Succeed(string program, params string[] args)
    {
        var (exit, output) = Run(program, args);
        Assert.True(exit == 0, $"{program} {string.Join(' ', args)} failed ({exit}):\n{output}");
    }

    // git and csvdiff see only this test's home, so neither the machine's nor the user's git settings take part.
    private (int Exit, string Output) Run(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = _repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["HOME"] = _home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(_home, ".config");
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_PAGER"] = "cat";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), $"{program} did not finish within a minute");
        return (process.ExitCode, output + error.Result);
    }
}
