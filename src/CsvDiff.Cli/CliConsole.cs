// The process's standard streams and terminal facts, behind one type so tests can run the real entry point in memory.
namespace CsvDiff.Cli;

internal sealed record CliConsole(
    Func<Stream> OpenStdin,
    Stream Stdout,
    TextWriter Stderr,
    bool StdoutIsTerminal,
    bool StderrIsTerminal,
    Func<string, string?> Environment)
{
    public static CliConsole System() => new(
        Console.OpenStandardInput,
        Console.OpenStandardOutput(),
        Console.Error,
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected,
        global::System.Environment.GetEnvironmentVariable);
}
