// A command's help names what that command takes. System.CommandLine writes the root command's arguments into every
// subcommand's usage line and argument list (dotnet/command-line-api#2785), so `csvdiff patch --help` read
// "csvdiff <LEFT> <RIGHT> patch <BASE> <DIFF>", as though a patch took two tables before its name; and the root's own
// usage, "csvdiff <LEFT> <RIGHT> [command] [options]", put a command after the two tables.
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace CsvDiff.Cli;

internal static class CommandHelp
{
    /// <summary>Makes help for <paramref name="root"/>'s subcommands leave out the root's own arguments; the root's help stays as it is.</summary>
    public static void Apply(RootCommand root)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction standard)
            {
                help.Action = new WithoutRootArguments(standard, root);
            }
        }
    }

    // The library's help builder is not public; what it leaves out is what is hidden, so the root's arguments are hidden while
    // a subcommand's help is written.
    private sealed class WithoutRootArguments(HelpAction standard, RootCommand root) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => standard.ClearsParseErrors;

        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command is RootCommand)
            {
                return WithUsageSplit(parseResult);
            }
            var shown = root.Arguments.Where(a => !a.Hidden).ToArray();
            foreach (var argument in shown)
            {
                argument.Hidden = true;
            }
            try
            {
                return standard.Invoke(parseResult);
            }
            finally
            {
                foreach (var argument in shown)
                {
                    argument.Hidden = false;
                }
            }
        }

        // The root's help as the library writes it, with its usage line made two: the diff with its tables, or a command.
        // Should the library word the line otherwise, the help is written as it comes.
        private int WithUsageSplit(ParseResult parseResult)
        {
            var configuration = parseResult.InvocationConfiguration;
            var output = configuration.Output;
            using var written = new StringWriter();
            configuration.Output = written;
            int status;
            try
            {
                status = standard.Invoke(parseResult);
            }
            finally
            {
                configuration.Output = output;
            }
            var arguments = string.Concat(root.Arguments.Where(a => !a.Hidden).Select(a => $" <{a.Name}>"));
            var asWritten = $"{arguments} [command] [options]";
            var lines = written.ToString().Split('\n');
            var usage = Array.IndexOf(lines, "Usage:") + 1;
            if (usage > 0 && usage < lines.Length && lines[usage].EndsWith(asWritten, StringComparison.Ordinal))
            {
                var name = lines[usage][..^asWritten.Length];
                lines[usage] = $"{name}{arguments} [options]\n{name} <command> [options]";
            }
            output.Write(string.Join('\n', lines));
            return status;
        }
    }
}
