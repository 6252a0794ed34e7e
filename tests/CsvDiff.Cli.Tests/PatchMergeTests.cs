// `csvdiff patch` and `csvdiff merge` through the command line: what they write, their exit codes, and the errors they give.
namespace CsvDiff.Cli.Tests;

public sealed class PatchMergeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("csvdiff-patch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Diff(string left, string right, params string[] flags)
    {
        var outcome = CliRunner.Run([left, right, .. flags]);
        Assert.True(outcome.ExitCode <= 1, outcome.Stderr);
        return Write("diff-" + Guid.NewGuid().ToString("N") + (flags.Contains("json") ? ".json" : ".csv"), outcome.Stdout);
    }

    // Regression: the highlighter output dropped the values of added columns, so a row whose other cells were equal lost them.
    [Fact]
    public void A_highlighter_diff_carries_the_values_of_an_added_column()
    {
        var left = Write("l.csv", "sku\nA-1\nB-2\n");
        var right = Write("r.csv", "sku,colour\nA-1,teal\nB-2,\n");
        var outcome = CliRunner.Run([left, right, "--key", "sku", "-f", "highlighter"]);
        Assert.Equal("!,,+++\n@@,sku,colour\n+,A-1,teal\n", outcome.Stdout);
        Assert.Equal("sku,colour\nA-1,teal\nB-2,\n", CliRunner.Run(["patch", left, Write("d.csv", outcome.Stdout)]).Stdout);
    }

    // Regression: an empty (0-byte) file with --key was an error ("key column is not in … (its columns: (none))").
    [Theory]
    [InlineData("", "", 0, "0 added, 0 removed")]
    [InlineData("", "code,name\nx1,Ada\nx2,Bo\n", 1, "2 added, 0 removed")]
    [InlineData("code,name\nx1,Ada\n", "", 1, "0 added, 1 removed")]
    public void An_empty_file_is_a_table_with_no_columns_and_no_rows(string leftText, string rightText, int exit, string counts)
    {
        var outcome = CliRunner.Run([Write("l.csv", leftText), Write("r.csv", rightText), "--key", "code"]);
        Assert.Equal("", outcome.Stderr);
        Assert.Equal(exit, outcome.ExitCode);
        Assert.Contains(counts, outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_missing_from_a_table_with_columns_is_still_an_error()
    {
        var outcome = CliRunner.Run([Write("l.csv", ""), Write("r.csv", "code,name\nx1,Ada\n"), "--key", "id"]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("key column \"id\" is not in", outcome.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("highlighter")]
    [InlineData("json")]
    public void Patch_writes_the_new_table_atomically_to_the_output(string format)
    {
        var left = Write("l.csv", "id,name,city\n1,Ann,Oslo\n2,Bob,Rome\n3,\"Cy, Jr\",\"Li\nma\"\n");
        var right = Write("r.csv", "id,name,zip\n0,Zed,9\n1,Ann,1\n3,\"Cy, Jr\",\"3\"\"\"\n4,Di,4\n");
        var output = Path.Combine(_directory, "out.csv");
        var outcome = CliRunner.Run(["patch", left, Diff(left, right, "--key", "id", "-f", format), "-o", output]);
        Assert.Equal((0, "", ""), (outcome.ExitCode, outcome.Stdout, outcome.Stderr));
        Assert.Equal("id,name,zip\n0,Zed,9\n1,Ann,1\n3,\"Cy, Jr\",\"3\"\"\"\n4,Di,4\n", File.ReadAllText(output));
    }

    [Theory]
    [InlineData("highlighter", "line 2: the row to change is not in l.csv: its nearest row, line 3, has name \"Bobby\" where the diff has \"Bob\"")]
    [InlineData("json", "row 1 of \"rows\": the row to change is not in l.csv: its row, line 3, has name \"Bobby\" where the diff has \"Bob\"")]
    public void A_diff_that_does_not_fit_its_base_names_the_row_and_column_and_writes_nothing(string format, string message)
    {
        var left = Write("l.csv", "id,name\n1,Ann\n2,Bob\n");
        var diff = Diff(left, Write("r.csv", "id,name\n1,Ann\n2,Rob\n"), "--key", "id", "-f", format);
        File.WriteAllText(left, "id,name\n1,Ann\n2,Bobby\n");
        var output = Path.Combine(_directory, "out.csv");

        var outcome = CliRunner.Run(["patch", left, diff, "-o", output]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal($"csvdiff: {diff}: {message}\n".Replace($"{_directory}/", "", StringComparison.Ordinal),
            outcome.Stderr.Replace($"{_directory}/", "", StringComparison.Ordinal));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Patch_refuses_a_file_that_is_not_a_diff()
    {
        var left = Write("l.csv", "id,name\n1,Ann\n");
        var outcome = CliRunner.Run(["patch", left, left]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no \"@@\" header row", outcome.Stderr, StringComparison.Ordinal);
    }

    // Base, ours, theirs, then the merged table and the exit code: each row of the table is one rule of the merge.
    [Theory]
    [InlineData("a change on one side applies",
        "id,v\n1,a\n2,b\n", "id,v\n1,A\n2,b\n", "id,v\n1,a\n2,B\n", "id,v\n1,A\n2,B\n", 0)]
    [InlineData("two edits to one line merge cell by cell",
        "id,x,y\n1,a,b\n", "id,x,y\n1,A,b\n", "id,x,y\n1,a,B\n", "id,x,y\n1,A,B\n", 0)]
    [InlineData("the same change on both sides applies once",
        "id,v\n1,a\n", "id,v\n1,z\n2,n\n", "id,v\n1,z\n2,n\n", "id,v\n1,z\n2,n\n", 0)]
    [InlineData("different changes to one cell conflict",
        "id,v\n1,a\n", "id,v\n1,b\n", "id,v\n1,c\n", "id,v\n1,((( a ))) b /// c\n", 1)]
    [InlineData("rows removed on either side go; rows added on either side come, after the row before them",
        "id,v\n1,a\n2,b\n3,c\n", "id,v\n1,a\n3,c\n4,d\n", "id,v\n1,a\n2,b\n5,e\n3,c\n", "id,v\n1,a\n5,e\n3,c\n4,d\n", 0)]
    [InlineData("a row changed on one side and removed on the other conflicts",
        "id,v\n1,a\n2,b\n", "id,v\n1,a\n", "id,v\n1,a\n2,B\n", "id,v\n1,a\n2,((( b ))) (row removed) /// B\n", 1)]
    [InlineData("columns added and removed on either side merge",
        "id,old,v\n1,o,a\n", "id,old,v,mine\n1,o,a,m\n", "id,v,theirs\n1,a,t\n", "id,v,theirs,mine\n1,a,t,m\n", 0)]
    public void Merge_follows_its_rules(string rule, string common, string ours, string theirs, string merged, int exit)
    {
        var outcome = CliRunner.Run(["merge", Write("base.csv", common), Write("ours.csv", ours), Write("theirs.csv", theirs), "--key", "id"]);
        Assert.True(merged == outcome.Stdout, $"{rule}: got\n{outcome.Stdout}{outcome.Stderr}");
        Assert.Equal(exit, outcome.ExitCode);
    }

    [Fact]
    public void Merge_lists_conflicts_on_standard_error_and_in_json()
    {
        var args = new[] { "merge", Write("b.csv", "id,v\n1,a\n"), Write("o.csv", "id,v\n1,b\n"), Write("t.csv", "id,v\n1,c\n") };
        var text = CliRunner.Run(args);
        Assert.Equal("csvdiff: conflict at id=1, column v: base \"a\", ours \"b\", theirs \"c\"\n", text.Stderr);
        var json = CliRunner.Run([.. args, "-f", "json"]);
        Assert.Equal(1, json.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var conflict = document.RootElement.GetProperty("conflicts")[0];
        Assert.False(document.RootElement.GetProperty("clean").GetBoolean());
        Assert.Equal(("v", "a", "b", "c"), (conflict.GetProperty("column").GetString(), conflict.GetProperty("base").GetString(),
            conflict.GetProperty("ours").GetString(), conflict.GetProperty("theirs").GetString()));
        var unknown = CliRunner.Run([.. args, "-f", "xml"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("csvdiff: --format must be one of csv, json, not \"xml\"\n", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_without_a_key_uses_the_key_auto_would_choose_and_fails_clearly_without_one()
    {
        var clean = CliRunner.Run(["merge", Write("b.csv", "n,code\nx,1\ny,2\n"), Write("o.csv", "n,code\nX,1\ny,2\n"), Write("t.csv", "n,code\nx,1\nY,2\n")]);
        Assert.Equal((0, "n,code\nX,1\nY,2\n"), (clean.ExitCode, clean.Stdout));
        var none = CliRunner.Run(["merge", Write("b2.csv", "v\na\na\n"), Write("o2.csv", "v\na\n"), Write("t2.csv", "v\na\n")]);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("name the key with --key", none.Stderr, StringComparison.Ordinal);
    }
}
