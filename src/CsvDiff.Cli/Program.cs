// Process entry point: wires the real console and Ctrl+C into the command line app.
using CsvDiff.Cli;

// Before the engine allocates: the heap it grows into is then backed by huge pages where Linux offers them (and, once the
// inputs' size is known, opened for them: CliApp).
HugePages.AdviseGcHeap();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks the engine to stop cleanly; the process then exits with 130 on its own.
    e.Cancel = true;
    cancellation.Cancel();
};
return CliApp.Run(args, CliConsole.System(), cancellation.Token);
