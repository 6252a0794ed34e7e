// The engine's entry point for tables in this process: reads them (held or streamed), then runs the one pipeline over them.
using System.Reflection;
using CsvDiff.Alignment;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;
using CsvDiff.Reading;
using CsvDiff.Schema;

namespace CsvDiff;

/// <summary>Compares two CSV tables.</summary>
public static class TableDiff
{
    private const int CollectAfterReadingRows = 200_000;

    /// <summary>
    /// From how many rows (both tables) the memory pairing them took is given back before their rows are fetched. That takes a
    /// compacting collection, which held both threads 16 ms at 2,000,000 rows and 40 ms at 20,000,000, where it lowered the
    /// peak by 171 MB (docs/BENCHMARKS.md): worth it where memory is what limits the diff.
    /// </summary>
    private const int ReturnAlignmentMemoryRows = 4_000_000;

    /// <summary>The product version (without build metadata), the same for the engine and every host.</summary>
    public static string Version { get; } =
        typeof(TableDiff).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>
    /// Compares <paramref name="left"/> (the old table) with <paramref name="right"/> (the new one).
    /// The result is the same, byte for byte once rendered, whatever scheduler runs it.
    /// </summary>
    /// <exception cref="CsvDiffException">An input cannot be read as CSV, or the options do not fit the inputs.</exception>
    /// <exception cref="OperationCanceledException">The execution's cancellation token fired.</exception>
    public static DiffResult Compare(TableInput left, TableInput right, DiffOptions options, DiffExecution? execution = null)
    {
        options.Validate();
        execution ??= new DiffExecution();
        var runner = new PartitionRunner(execution.Scheduler, execution.MinimumRowsPerPartition, execution.Cancellation);
        var progress = new PhaseProgress(execution.Progress);
        var comparer = new CellComparer(options.Values);
        var (leftTable, rightTable) = ReadBoth(left, right, options, comparer.Normalizer, execution.StreamChunkBytes, progress, runner);
        if (leftTable.Info.RowCount + rightTable.Info.RowCount >= CollectAfterReadingRows)
        {
            // Reading leaves large garbage behind (read buffers, the index's first small arrays), which the runtime frees only
            // in a full collection: one here lets matching reuse that memory instead of adding to the peak (6-12 MB less for
            // a 1,000,000-row pair, measured). Without compacting: moving what survives into fresh memory held both threads
            // about 10 ms longer (a 1,000,000-row plain pair, GC.GetTotalPauseDuration), for no lower peak.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
        return Run(leftTable, rightTable, options, comparer, runner, progress);
    }

    /// <summary>
    /// Reads <paramref name="left"/> and <paramref name="right"/> as a diff with <paramref name="options"/> would, taking the
    /// hashes it would ask for, for diffs of them that come later with these options or others. An input that cannot be read
    /// (or options that do not hold) is read again by those diffs, which report the problem; this does not throw for it.
    /// </summary>
    public static PreparedTables Prepare(TableInput left, TableInput right, DiffOptions options)
    {
        var execution = new DiffExecution();
        var runner = new PartitionRunner(execution.Scheduler, execution.MinimumRowsPerPartition, CancellationToken.None);
        try
        {
            options.Validate();
            var tables = ReadBoth(left, right, options, new CellComparer(options.Values).Normalizer, execution.StreamChunkBytes,
                new PhaseProgress(null), runner);
            return new PreparedTables(left, right, options, tables);
        }
        catch (CsvDiffException)
        {
            return new PreparedTables(left, right, options, null);
        }
    }

    /// <summary>
    /// Compares the tables <paramref name="prepared"/> holds, as <see cref="Compare(TableInput, TableInput, DiffOptions, DiffExecution?)"/>
    /// would compare their inputs: from the tables read when <paramref name="options"/> read the inputs alike, else from the
    /// inputs again. Hashes the preparation took serve its first diff that asks for them; later diffs take their own.
    /// </summary>
    public static DiffResult Compare(PreparedTables prepared, DiffOptions options, DiffExecution? execution = null)
    {
        if (!prepared.ReadAlike(options) || prepared.Tables is not var (leftTable, rightTable))
        {
            return Compare(prepared.Left, prepared.Right, options, execution);
        }
        options.Validate();
        execution ??= new DiffExecution();
        var runner = new PartitionRunner(execution.Scheduler, execution.MinimumRowsPerPartition, execution.Cancellation);
        return Run(leftTable, rightTable, options, new CellComparer(options.Values), runner, new PhaseProgress(execution.Progress));
    }

    private static DiffResult Run(ITableStore leftTable, ITableStore rightTable, DiffOptions options, CellComparer comparer, PartitionRunner runner,
        PhaseProgress progress)
    {
        var run = DiffPipeline.RunAsync(new LocalTables(leftTable, rightTable, options, comparer, runner), options, comparer, runner, progress);
        // Tables in this process do every step synchronously, so the run is over by now; nothing here ever waits.
        return run.IsCompleted ? run.GetAwaiter().GetResult() : throw new InvalidOperationException("a diff of local tables went asynchronous");
    }

    // The two tables are read side by side; when both are bad, the left one's error is the one reported, as if read in order.
    private static (ITableStore Left, ITableStore Right) ReadBoth(TableInput left, TableInput right, DiffOptions options, ValueNormalizer normalizer,
        int chunkBytes, PhaseProgress progress, PartitionRunner runner)
    {
        var inputs = new[] { left, right };
        // Each table takes on its way the hashes that quick looks at both inputs' starts predict; a table read whole then needs
        // no second pass to take them, and a streamed one no second read. Choosing a key hashes every column in turn: a table
        // in memory is passed over for it, but a streamed one would be read whole again, so the key is chosen only in memory.
        var streamed = !options.AutoKey && inputs.Any(input => input.OpenStream is not null);
        var (leftPlan, rightPlan) = options.AutoKey ? (ReadPlan.None, ReadPlan.None) : ReadPlan.Expected(options, Look(left, options.Csv), Look(right, options.Csv));
        var plans = new[] { leftPlan, rightPlan };
        var done = new double[2];
        Action<double> Progress(int side) => fraction =>
        {
            done[side] = fraction;
            progress.Report(DiffPhase.Reading, (done[0] + done[1]) / 2);
        };
        // Two streamed inputs are read on every worker at once, each in parts when one would idle (ReadInParts); an input
        // given as bytes is read on one.
        var outcomes = streamed && inputs.All(input => input.OpenStream is not null)
            ? StreamedTable.ReadAll([.. inputs.Select((input, side) => (input, plans[side], Progress(side)))], options.Csv, normalizer,
                chunkBytes, runner)
            : null;
        return runner.RunBoth(side =>
        {
            var input = inputs[side];
            return (outcomes is not null ? outcomes[side].TableOrThrow()
                    : streamed && input.OpenStream is not null
                    ? (ITableStore?)StreamedTable.Read(input, options.Csv, plans[side], normalizer, chunkBytes, Progress(side), runner.Cancellation)
                    : null)
                ?? CsvTable.Read(input.OpenStream is null ? input : input with { Bytes = StreamedTable.ReadWhole(input) }, options.Csv,
                    plans[side], normalizer, Progress(side), runner.Cancellation);
        });
    }

    // A look at the input's first bytes, for the hashes its read takes on the way.
    private static TableSniff Look(TableInput input, CsvFormat format)
    {
        if (input.OpenStream is null)
        {
            return TableSniffer.Glance(input.Name, input.Bytes, input.Bytes.Length, format);
        }
        using var stream = StreamedTable.Open(input);
        var head = new byte[(int)Math.Min(stream.Length, TableSniffer.SampleBytes)];
        stream.ReadExactly(head);
        return TableSniffer.Glance(input.Name, head, stream.Length, format);
    }

    // The tables held or streamed in this process: every step runs here, on the execution's scheduler, and completes at once.
    private sealed class LocalTables(ITableStore left, ITableStore right, DiffOptions options, CellComparer comparer, PartitionRunner runner) : IDiffTables
    {
        public TableHeader LeftHeader => left.Header;

        public TableHeader RightHeader => right.Header;

        public TableInfo LeftInfo => left.Info;

        public TableInfo RightInfo => right.Info;

        public IReadOnlyList<string> Notices => [.. left.Notices, .. right.Notices];

        public ValueTask<int[]?> FindKeyAsync(ColumnPlan plan, CellComparer keyComparer) =>
            ValueTask.FromResult(KeyFinder.Find(left, right, plan, keyComparer.Normalizer, runner));

        public ValueTask<(RowFingerprints Left, RowFingerprints Right, RowMatching Matching)> AlignAsync(ColumnPlan plan, PhaseProgress progress)
        {
            var form = RowFingerprints.FormFor(plan, (byte)left.Info.Delimiter, (byte)right.Info.Delimiter);
            var leftPrints = left.Hash(plan.LeftCompared, plan.KeyPositions, form, comparer.Normalizer, runner);
            progress.Report(DiffPhase.Hashing, 0.5);
            var rightPrints = right.Hash(plan.RightCompared, plan.KeyPositions, form, comparer.Normalizer, runner);
            progress.Report(DiffPhase.Matching, 0);
            if (leftPrints.KeyHashes is { } leftKeys && rightPrints.KeyHashes is { } rightKeys)
            {
                RowMatching matching;
                if (options.DuplicateKeys != DuplicateKeyPolicy.Error)
                {
                    matching = HashMatcher.Match(leftKeys, leftPrints.RowCount, rightKeys, rightPrints.RowCount, runner);
                }
                else
                {
                    (matching, var leftRepeats, var rightRepeats) = HashMatcher.MatchUnique(leftKeys, leftPrints.RowCount, rightKeys, rightPrints.RowCount, runner);
                    RejectRepeats(left, leftPrints, leftRepeats, plan.LeftCompared, plan);
                    RejectRepeats(right, rightPrints, rightRepeats, plan.RightCompared, plan);
                }
                return ValueTask.FromResult((leftPrints.WithoutKeyHashes(), rightPrints.WithoutKeyHashes(), matching));
            }
            return ValueTask.FromResult((leftPrints, rightPrints,
                HashMatcher.Match(leftPrints.RowHashes, leftPrints.RowCount, rightPrints.RowHashes, rightPrints.RowCount, runner)));
        }

        public void Aligned()
        {
            if (left.Info.RowCount + right.Info.RowCount >= ReturnAlignmentMemoryRows)
            {
                // The key hashes and key maps just freed are large objects: a plain collection frees them, but the runtime keeps
                // their memory committed and does not place the small objects that fetching makes (the cells of the rows that
                // differ) in it, so they would add to the peak. Only an aggressive collection decommits it.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }

        // A streamed table reads its rows back from its stream, so the two are fetched side by side (two streamed tables in
        // runs shared among the workers).
        public ValueTask<(IRowSource Left, IRowSource Right)> FetchAsync(IReadOnlyCollection<int> leftRows, IReadOnlyCollection<int> rightRows,
            bool scored) =>
            ValueTask.FromResult(left is StreamedTable streamedLeft && right is StreamedTable streamedRight && runner.Parallelism > 1
                ? StreamedTable.FetchBoth(streamedLeft, leftRows, streamedRight, rightRows, scored, runner)
                : runner.RunBoth(side => side == 0 ? left.Fetch(leftRows, scored) : right.Fetch(rightRows, scored)));

        public ValueTask<(IRowSource Left, IRowSource Right)> PairSimilarAsync(IRowSource leftRows, IRowSource rightRows, ColumnPlan plan,
            CellComparer cellComparer, double similarity, RowMatching matching) =>
            ValueTask.FromResult(SimilarityPairer.Pair(leftRows, rightRows, plan, cellComparer, similarity, matching, runner));

        public string? CannotGather(int rows) => null;

        private static void RejectRepeats(ITableStore table, RowFingerprints prints, Repeats repeats, int[] comparedColumns, ColumnPlan plan)
        {
            if (repeats.RepeatedRows > 0)
            {
                var group = HashMatcher.GroupFrom(prints.KeyHashes!, prints.RowCount, repeats.FirstRepeated);
                throw DuplicateKeyError.Create(table.Fetch(group, scored: true), group, repeats.RepeatedRows, comparedColumns, plan);
            }
        }
    }
}
