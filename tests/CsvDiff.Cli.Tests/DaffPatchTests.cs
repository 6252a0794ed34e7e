// Diffs made by daff itself (its command line, from npm) apply with `csvdiff patch`: random pairs, keyed and by content.
using System.Diagnostics;
using System.Text;
using CsCheck;
using CsvDiff.Patching;
using CsvDiff.Tests;
using CsvDiff.Writing;

namespace CsvDiff.Cli.Tests;

public sealed class DaffPatchTests : IDisposable
{
    private static readonly string Daff = Repository.PathOf("tests", "peers", "node_modules", "daff", "bin", "daff.js");
    private readonly string _directory = Directory.CreateTempSubdirectory("csvdiff-daff-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // No quotes: daff 1.4.2 writes a changed value that holds a line break and a quote without doubling the quote, which no
    // reader can take back.
    private static readonly Gen<string> Cell = Gen.Frequency(
        (4, Gen.String[Gen.Char["abcxyz019 "], 1, 5]),
        (1, Gen.String[Gen.Char["a,\n é€"], 1, 4]),
        (1, Gen.Const("")));

    private static readonly Gen<(List<string[]> Left, List<string[]> Right, bool Keyed)> Pair =
        from rows in Cell.Array[3].Array[1, 12]
        from edits in Gen.Int[0, 5].Array[rows.Length]
        from replacements in Cell.Array[rows.Length]
        from inserted in Cell.Array[3].Array[0, 3]
        from addColumn in Gen.Bool
        from removeColumn in Gen.Bool
        from keyed in Gen.Bool
        select Build(rows, edits, replacements, inserted, addColumn, removeColumn, keyed);

    private static (List<string[]>, List<string[]>, bool) Build(string[][] rows, int[] edits, string[] replacements, string[][] inserted,
        bool addColumn, bool removeColumn, bool keyed)
    {
        // Rows are told apart by their id, also by content, so that either way there is one right answer.
        List<string[]> left = [["id", "a", "b"], .. rows.Select((r, i) => (string[])[$"r{i}", r[0], r[1]])];
        var right = new List<string[]>();
        for (var i = 0; i < rows.Length; i++)
        {
            if (edits[i] == 0)
            {
                continue;
            }
            right.Add(edits[i] == 1 ? [$"r{i}", replacements[i], rows[i][1]] : left[i + 1]);
        }
        for (var i = 0; i < inserted.Length; i++)
        {
            right.Insert(i * 2 % (right.Count + 1), [$"n{i}", inserted[i][0], inserted[i][1]]);
        }
        right.Insert(0, ["id", "a", "b"]);
        var table = right.Select((r, i) => (string[])[.. r.Where((_, c) => !(removeColumn && c == 2)), .. addColumn ? [i == 0 ? "c" : $"x{i}"] : Array.Empty<string>()]).ToList();
        return (left, table, keyed);
    }

    [Fact]
    public void Diffs_daff_makes_of_random_pairs_apply()
    {
        Assert.True(File.Exists(Daff), $"{Daff} is missing: ./test.sh installs daff from npm (npm ci in tests/peers)");
        Pair.Array[40].Sample(pairs =>
        {
            foreach (var (leftRows, rightRows, keyed) in pairs)
            {
                var (left, right) = (Path.Combine(_directory, "left.csv"), Path.Combine(_directory, "right.csv"));
                File.WriteAllText(left, Csv(leftRows));
                File.WriteAllText(right, Csv(rightRows));
                var diff = Path.Combine(_directory, "diff.csv");
                RunDaff([.. keyed ? ["--id", "id"] : Array.Empty<string>(), "--output", diff, left, right]);

                var patched = TablePatch.Apply(Input(left), Input(diff), new CsvFormat());
                var expected = CsvDocument.Read(Input(right), new CsvFormat());
                Assert.True(expected.Columns.SequenceEqual(patched.Columns) && expected.Rows.Select(Join).SequenceEqual(patched.Rows.Select(Join)),
                    $"daff's diff:\n{File.ReadAllText(diff)}\ndid not give\n{File.ReadAllText(right)}");
            }
        }, seed: new PCG(3, 20261202).ToString(), iter: 1, threads: 1);
    }

    private static string Join(string[] row) => string.Join('\u001f', row);

    private static TableInput Input(string path) => new(Path.GetFileName(path), File.ReadAllBytes(path));

    private static string Csv(List<string[]> rows)
    {
        using var writer = new StringWriter();
        foreach (var row in rows)
        {
            CsvWriter.WriteRecord(writer, row);
        }
        return writer.ToString();
    }

    private static void RunDaff(string[] args)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, StandardErrorEncoding = Encoding.UTF8 };
        start.ArgumentList.Add(Daff);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode is 0 or 1, $"daff failed: {error.Result}");
    }
}
