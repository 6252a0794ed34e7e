// The engine's entry point: runs read → match columns → fingerprint → align rows → compare, and returns the DiffResult.
using System.Reflection;
using System.Runtime.ExceptionServices;
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

        var (leftTable, rightTable) = ReadBoth(left, right, options.Csv, progress, workers);
        var notices = new List<string>([.. leftTable.Notices, .. rightTable.Notices]);
        var comparer = new CellComparer(options.Values);

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
            var renames = RenameDetector.Detect(leftTable, rightTable, plan, matching, comparer);
            if (renames.Count > 0)
            {
                plan = plan.WithRenames(renames);
                (leftPrints, rightPrints, matching) = aligner.Align(plan, progress);
            }
        }
        if (plan.KeyPositions.Length == 0)
        {
            SimilarityPairer.Pair(leftTable, rightTable, plan, comparer, options.Similarity, matching, workers);
        }

        progress.Report(DiffPhase.Comparing, 0);
        var (rows, summary) = new DiffAssembler(leftTable, rightTable, plan, comparer, options)
            .Assemble(matching, leftPrints, rightPrints, workers);
        progress.Report(DiffPhase.Comparing, 1);
        return Result(plan, leftTable.Info, rightTable.Info, summary, rows, notices);
    }

    // The two tables are read side by side; when both are bad, the left one's error is the one reported, as if read in order.
    private static (CsvTable Left, CsvTable Right) ReadBoth(TableInput left, TableInput right, CsvFormat format, PhaseProgress progress, Workers workers)
    {
        var inputs = new[] { left, right };
        var tables = new CsvTable[2];
        var failures = new ExceptionDispatchInfo?[2];
        var done = new double[2];
        workers.Run(2, side =>
        {
            try
            {
                tables[side] = TableReader.Read(inputs[side], format, f =>
                {
                    done[side] = f;
                    progress.Report(DiffPhase.Reading, (done[0] + done[1]) / 2);
                }, workers.Cancellation);
            }
            catch (Exception e) when (e is CsvDiffException or OperationCanceledException)
            {
                failures[side] = ExceptionDispatchInfo.Capture(e);
            }
        });
        failures[0]?.Throw();
        failures[1]?.Throw();
        return (tables[0], tables[1]);
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

    private sealed class Aligner(CsvTable left, CsvTable right, DiffOptions options, CellComparer comparer, Workers workers)
    {
        public (RowFingerprints Left, RowFingerprints Right, RowMatching Matching) Align(ColumnPlan plan, PhaseProgress progress)
        {
            var wholeRecords = RowFingerprints.CanHashWholeRecords(plan, left.Tokenizer.Delimiter, right.Tokenizer.Delimiter);
            var leftPrints = RowFingerprints.Compute(left, plan.LeftCompared, plan.KeyPositions, comparer.Normalizer, workers, wholeRecords);
            progress.Report(DiffPhase.Hashing, 0.5);
            var rightPrints = RowFingerprints.Compute(right, plan.RightCompared, plan.KeyPositions, comparer.Normalizer, workers, wholeRecords);
            progress.Report(DiffPhase.Matching, 0);
            if (leftPrints.KeyHashes is { } leftKeys && rightPrints.KeyHashes is { } rightKeys)
            {
                if (options.DuplicateKeys == DuplicateKeyPolicy.Error)
                {
                    RejectDuplicates(left, leftKeys, plan.LeftCompared, plan);
                    RejectDuplicates(right, rightKeys, plan.RightCompared, plan);
                }
                return (leftPrints, rightPrints, HashMatcher.Match(leftKeys, rightKeys, workers));
            }
            return (leftPrints, rightPrints, HashMatcher.Match(leftPrints.RowHashes, rightPrints.RowHashes, workers));
        }

        private void RejectDuplicates(CsvTable table, ulong[] keyHashes, int[] comparedColumns, ColumnPlan plan)
        {
            var (group, repeatedRows) = HashMatcher.FindDuplicates(keyHashes, workers);
            if (repeatedRows > 0)
            {
                throw DuplicateKeyError.Create(table, group, repeatedRows, comparedColumns, plan);
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
