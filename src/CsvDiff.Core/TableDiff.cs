// The engine's entry point: runs read → match columns → fingerprint → align rows → compare, and returns the DiffResult.
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
        var cancellation = execution.Cancellation;
        var workers = new Workers(execution.Scheduler, execution.MinimumRowsPerPartition, cancellation);
        var progress = new PhaseProgress(execution.Progress);

        var comparer = new CellComparer(options.Values);
        var (leftTable, rightTable) = ReadBoth(left, right, options, comparer.Normalizer, execution.StreamChunkBytes, progress, workers);
        var notices = new List<string>([.. leftTable.Notices, .. rightTable.Notices]);

        var plan = ColumnMatcher.Match(leftTable.Header, rightTable.Header, options.AutoKey ? options with { Key = [] } : options);
        progress.Report(DiffPhase.Hashing, 0);
        if (options.AutoKey)
        {
            var key = KeyFinder.Find(leftTable, rightTable, plan, comparer.Normalizer, workers);
            if (key is null)
            {
                notices.Add("no column or pair of columns is unique in both tables; rows are compared by content");
            }
            else
            {
                plan = plan.WithKey(key);
                notices.Add($"key chosen automatically: {string.Join(", ", plan.KeyNames)} (unique in both tables)");
            }
        }

        var aligner = new Aligner(leftTable, rightTable, options, comparer, workers);
        var (leftPrints, rightPrints, matching) = aligner.Align(plan, progress);
        if (RenameSearchNotice(options, plan) is { } tooMany)
        {
            notices.Add(tooMany);
        }
        else if (MayHaveRenames(options, plan))
        {
            var sample = RenameDetector.SampledPairs(matching);
            var renames = RenameDetector.Detect(leftTable.Fetch([.. sample.Select(p => p.Left)]), rightTable.Fetch([.. sample.Select(p => p.Right)]),
                plan, matching, comparer);
            if (renames.Count > 0)
            {
                plan = plan.WithRenames(renames);
                (leftPrints, rightPrints, matching) = aligner.Align(plan, progress);
            }
        }

        var (leftNeeded, rightNeeded, inOrder) = DiffAssembler.RowsRead(matching, leftPrints, rightPrints, options, plan);
        var (leftRows, rightRows) = FetchBoth(leftTable, leftNeeded, rightTable, rightNeeded, workers);
        if (plan.KeyPositions.Length == 0)
        {
            SimilarityPairer.Pair(leftRows, rightRows, plan, comparer, options.Similarity, matching, workers);
        }

        progress.Report(DiffPhase.Comparing, 0);
        var (rows, summary) = new DiffAssembler(leftRows, rightRows, plan, comparer, options)
            .Assemble(matching, leftPrints, rightPrints, inOrder, workers);
        progress.Report(DiffPhase.Comparing, 1);
        return Result(plan, leftTable.Info, rightTable.Info, summary, rows, notices);
    }

    // The two tables are read side by side; when both are bad, the left one's error is the one reported, as if read in order.
    private static (ITableStore Left, ITableStore Right) ReadBoth(TableInput left, TableInput right, DiffOptions options, ValueNormalizer normalizer,
        int chunkBytes, PhaseProgress progress, Workers workers)
    {
        var inputs = new[] { left, right };
        // Choosing a key hashes every column in turn: passes over a table in memory, but whole reads of a streamed one.
        var streamed = !options.AutoKey && inputs.Any(input => input.OpenStream is not null);
        var (leftPlan, rightPlan) = streamed ? ReadPlan.Expected(options, Look(left, options.Csv), Look(right, options.Csv)) : (ReadPlan.None, ReadPlan.None);
        var plans = new[] { leftPlan, rightPlan };
        var done = new double[2];
        return workers.RunBoth(side =>
        {
            void Progress(double fraction)
            {
                done[side] = fraction;
                progress.Report(DiffPhase.Reading, (done[0] + done[1]) / 2);
            }
            var input = inputs[side];
            return (streamed && input.OpenStream is not null
                    ? (ITableStore?)StreamedTable.Read(input, options.Csv, plans[side], normalizer, chunkBytes, Progress, workers.Cancellation)
                    : null)
                ?? TableReader.Read(input.OpenStream is null ? input : input with { Bytes = StreamedTable.ReadWhole(input) }, options.Csv,
                    Progress, workers.Cancellation);
        });
    }

    // A streamed table reads its rows back from its stream, so the two are fetched side by side.
    private static (IRowSource Left, IRowSource Right) FetchBoth(ITableStore left, List<int> leftRows, ITableStore right, List<int> rightRows,
        Workers workers) =>
        workers.RunBoth(side => side == 0 ? left.Fetch(leftRows) : right.Fetch(rightRows));

    // A look at the input's first bytes, for the columns a streamed read hashes on its way.
    private static TableSniff Look(TableInput input, CsvFormat format)
    {
        if (input.OpenStream is null)
        {
            return TableSniffer.Sniff(input.Name, input.Bytes, input.Bytes.Length, format);
        }
        using var stream = StreamedTable.Open(input);
        var head = new byte[(int)Math.Min(stream.Length, TableSniffer.SampleBytes)];
        stream.ReadExactly(head);
        return TableSniffer.Sniff(input.Name, head, stream.Length, format);
    }

    internal static string? RenameSearchNotice(DiffOptions options, ColumnPlan plan) =>
        options.DetectRenames && (long)plan.Added.Length * plan.Removed.Length > RenameDetector.MaxCandidatePairs
            ? $"{plan.Removed.Length} columns removed and {plan.Added.Length} added: too many pairs to look for renames, so none are reported"
            : null;

    internal static bool MayHaveRenames(DiffOptions options, ColumnPlan plan) =>
        options.DetectRenames && plan.Added.Length > 0 && plan.Removed.Length > 0;

    internal static DiffResult Result(ColumnPlan plan, TableInfo left, TableInfo right, DiffSummary summary, List<RowDiff> rows, List<string> notices) =>
        new(plan.KeyPositions.Length > 0 ? DiffMode.Key : DiffMode.Content, plan.KeyNames, left, right, plan.ToSchemaDiff(), summary, rows, notices);

    // Each phase's own 0..1 maps onto a slice of the run's 0..1, so a bar never moves backwards.
    private static readonly double[] PhaseStart = [0.0, 0.35, 0.65, 0.8, 1.0];

    internal static double Overall(DiffPhase phase, double fraction)
    {
        var index = (int)phase;
        return PhaseStart[index] + ((PhaseStart[index + 1] - PhaseStart[index]) * Math.Clamp(fraction, 0, 1));
    }

    private sealed class Aligner(ITableStore left, ITableStore right, DiffOptions options, CellComparer comparer, Workers workers)
    {
        public (RowFingerprints Left, RowFingerprints Right, RowMatching Matching) Align(ColumnPlan plan, PhaseProgress progress)
        {
            var wholeRecords = RowFingerprints.CanHashWholeRecords(plan, (byte)left.Info.Delimiter, (byte)right.Info.Delimiter);
            var leftPrints = left.Hash(plan.LeftCompared, plan.KeyPositions, wholeRecords, comparer.Normalizer, workers);
            progress.Report(DiffPhase.Hashing, 0.5);
            var rightPrints = right.Hash(plan.RightCompared, plan.KeyPositions, wholeRecords, comparer.Normalizer, workers);
            progress.Report(DiffPhase.Matching, 0);
            if (leftPrints.KeyHashes is { } leftKeys && rightPrints.KeyHashes is { } rightKeys)
            {
                if (options.DuplicateKeys != DuplicateKeyPolicy.Error)
                {
                    return (leftPrints, rightPrints, HashMatcher.Match(leftKeys, rightKeys, workers));
                }
                var (matching, leftRepeats, rightRepeats) = HashMatcher.MatchUnique(leftKeys, rightKeys, workers);
                RejectRepeats(left, leftKeys, leftRepeats, plan.LeftCompared, plan);
                RejectRepeats(right, rightKeys, rightRepeats, plan.RightCompared, plan);
                return (leftPrints, rightPrints, matching);
            }
            return (leftPrints, rightPrints, HashMatcher.Match(leftPrints.RowHashes, rightPrints.RowHashes, workers));
        }

        private static void RejectRepeats(ITableStore table, ulong[] keyHashes, Repeats repeats, int[] comparedColumns, ColumnPlan plan)
        {
            if (repeats.RepeatedRows > 0)
            {
                var group = HashMatcher.GroupFrom(keyHashes, repeats.FirstRepeated);
                throw DuplicateKeyError.Create(table.Fetch(group), group, repeats.RepeatedRows, comparedColumns, plan);
            }
        }
    }

    // Reports may come from two threads at once while both tables are read; the lock keeps them in order.
    private sealed class PhaseProgress(IProgress<DiffProgress>? sink)
    {
        private readonly Lock _gate = new();
        private double _last;

        public void Report(DiffPhase phase, double fraction)
        {
            if (sink is null)
            {
                return;
            }
            var overall = Overall(phase, fraction);
            lock (_gate)
            {
                if (overall >= _last)
                {
                    _last = overall;
                    sink.Report(new DiffProgress(phase, overall));
                }
            }
        }
    }
}
