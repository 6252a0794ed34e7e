// What `csvdiff git install` writes and `uninstall` takes out: two driver sections in git's config and one attributes line.
using System.Diagnostics;

namespace CsvDiff.Cli.Git;

internal sealed class GitSetup(bool global, string workingDirectory)
{
    public const string AttributesLine = "*.csv diff=csvdiff merge=csvdiff";

    public void Install(string program, string keyFlag)
    {
        var command = ShellQuote(program);
        Config("diff.csvdiff.command", $"{command} git diff-driver{keyFlag}");
        Config("diff.csvdiff.textconv", $"{command} git textconv{keyFlag}");
        Config("merge.csvdiff.name", "csvdiff: cell-level CSV merge");
        Config("merge.csvdiff.driver", $"{command} git merge-driver{keyFlag} %O %A %B");
        var attributes = AttributesFile();
        var lines = File.Exists(attributes) ? File.ReadAllLines(attributes).ToList() : [];
        if (!lines.Contains(AttributesLine))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(attributes)!);
            File.WriteAllLines(attributes, [.. lines, AttributesLine]);
        }
    }

    public void Uninstall()
    {
        foreach (var section in new[] { "diff.csvdiff", "merge.csvdiff" })
        {
            // Exit status 128 means the section was not there: nothing to take out.
            Git(["config", Scope, "--remove-section", section], allowFailure: true);
        }
        var attributes = AttributesFile();
        if (File.Exists(attributes))
        {
            var kept = File.ReadAllLines(attributes).Where(l => l != AttributesLine).ToArray();
            if (kept.Length == 0 && !global)
            {
                File.Delete(attributes);
            }
            else
            {
                File.WriteAllLines(attributes, kept);
            }
        }
    }

    public string Describe() => global ? $"git config --global, {AttributesFile()}" : $"this repository's config, {AttributesFile()}";

    public static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private string Scope => global ? "--global" : "--local";

    private void Config(string name, string value) => Git(["config", Scope, name, value]);

    // The repository's own .gitattributes; globally, the file core.attributesFile names or git's default one.
    private string AttributesFile()
    {
        if (!global)
        {
            return Path.Combine(Git(["rev-parse", "--show-toplevel"]).Trim(), ".gitattributes");
        }
        var configured = Git(["config", "--global", "--get", "core.attributesFile"], allowFailure: true).Trim();
        if (configured.Length > 0)
        {
            return configured.StartsWith("~/", StringComparison.Ordinal)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), configured[2..])
                : configured;
        }
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(config, "git", "attributes");
    }

    private string Git(string[] arguments, bool allowFailure = false)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CsvDiffException("git is not installed (or not on PATH)");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 && !allowFailure)
            {
                throw new CsvDiffException($"git {string.Join(' ', arguments)} failed: {error.Trim()}");
            }
            return output;
        }
    }
}
