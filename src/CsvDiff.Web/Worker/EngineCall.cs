// One comparison as the browser runs it, in a worker or on the page: inputs and encoded options in, a result or a one-line error out, as bytes.
using System.Text;
using CsvDiff.Sharding;

namespace CsvDiff.Web.Worker;

internal static class EngineCall
{
    private const byte Succeeded = 0;
    private const byte Failed = 1;

    /// <summary>Runs the diff; the reply is a status byte then the encoded result or the error message.</summary>
    public static byte[] Run(string leftName, byte[] left, string rightName, byte[] right, byte[] options, IProgress<DiffProgress>? progress) =>
        Run(options, progress, (decoded, execution) => TableDiff.Compare(new TableInput(leftName, left), new TableInput(rightName, right), decoded, execution));

    /// <summary>Runs the diff of tables read ahead (<see cref="TableDiff.Prepare"/>); the reply is as <see cref="Run(string, byte[], string, byte[], byte[], IProgress{DiffProgress}?)"/>'s.</summary>
    public static byte[] Run(PreparedTables prepared, byte[] options, IProgress<DiffProgress>? progress) =>
        Run(options, progress, (decoded, execution) => TableDiff.Compare(prepared, decoded, execution));

    private static byte[] Run(byte[] options, IProgress<DiffProgress>? progress, Func<DiffOptions, DiffExecution, DiffResult> diff)
    {
        try
        {
            var result = diff(OptionsCodec.Decode(options), new DiffExecution { Progress = progress });
            return [Succeeded, .. ResultCodec.Encode(result)];
        }
        catch (CsvDiffException e)
        {
            return [Failed, .. Encoding.UTF8.GetBytes(e.Message)];
        }
    }

    /// <summary>
    /// Runs the made-up pair of <see cref="WarmUpTables"/> as a small pair runs once read ahead (WorkerExports.HoldReadAhead,
    /// then DiffAhead): read as tables, its delimiter guessed, then diffed with its result encoded for the page; keyed, then by
    /// content (the page's default), whose pairing of similar rows is code no keyed diff runs. The first small diff otherwise
    /// took about twice as long as the next (docs/BENCHMARKS.md). Each of the three is a step of its own, with a yield between,
    /// so that a single-threaded host takes other work in between: a request waits for the step under way, and while a whole
    /// diff, read and made, was one step, one waited up to 0.35 s (docs/BENCHMARKS.md). <paramref name="cancellation"/> stops
    /// it between steps. Returns the two diffs' summaries.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired.</exception>
    public static async Task<(DiffSummary Keyed, DiffSummary ByContent)> WarmUpAsync(CancellationToken cancellation = default)
    {
        var (left, right) = WarmUpTables.Make();
        cancellation.ThrowIfCancellationRequested();
        var keyedOptions = new DiffOptions { Key = ["id"] };
        var prepared = TableDiff.Prepare(left, right, keyedOptions);
        await Task.Yield();
        cancellation.ThrowIfCancellationRequested();
        var keyed = Summary(keyedOptions);
        await Task.Yield();
        cancellation.ThrowIfCancellationRequested();
        return (keyed, Summary(new DiffOptions()));

        DiffSummary Summary(DiffOptions options)
        {
            var (result, error) = Open(Run(prepared, OptionsCodec.Encode(options), null));
            return result?.Summary ?? throw new InvalidOperationException($"the warm-up diff failed: {error}");
        }
    }

    public static (DiffResult? Result, string? Error) Open(byte[] reply) => reply[0] == Succeeded
        ? (ResultCodec.Decode(reply.AsMemory(1)), null)
        : (null, Encoding.UTF8.GetString(reply, 1, reply.Length - 1));
}
