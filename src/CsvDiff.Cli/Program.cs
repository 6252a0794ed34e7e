// Process entry point: wires the real console and Ctrl+C into the command line app.
using CsvDiff.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks the engine to stop cleanly; the process then exits with 130 on its own.
    e.Cancel = true;
    cancellation.Cancel();
};
return CliApp.Run(args, CliConsole.System(), cancellation.Token);
