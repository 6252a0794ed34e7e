// The one diff pipeline: match columns → (choose a key) → align rows → look for renames → fetch the rows that differ → pair
// similar rows → assemble. Where the tables are (held or streamed here, or in shards on workers) is behind IDiffTables.
using CsvDiff.Alignment;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;
using CsvDiff.Reading;
using CsvDiff.Schema;

namespace CsvDiff;

/// <summary>
/// The two tables of one diff and the steps whose work depends on where they are. Tables in this process complete every
/// step synchronously (<see cref="TableDiff"/>); sharded ones on workers, asynchronously (<see cref="Sharding.ShardedDiff"/>).
/// </summary>
internal interface IDiffTables
{
    TableHeader LeftHeader { get; }

    TableHeader RightHeader { get; }

    TableInfo LeftInfo { get; }

    TableInfo RightInfo { get; }

    /// <summary>What reading the tables found worth saying (encoding fallbacks, ragged rows, renamed header names).</summary>
    IReadOnlyList<string> Notices { get; }

    /// <summary>The smallest set of columns unique in both tables (positions in <see cref="ColumnPlan.Compared"/>), or null.</summary>
    ValueTask<int[]?> FindKeyAsync(ColumnPlan plan, CellComparer comparer);

    /// <summary>
    /// Both tables' fingerprints, without key hashes (<see cref="RowFingerprints.WithoutKeyHashes"/>), and the rows they pair;
    /// a repeated key (when that is an error) throws.
    /// </summary>
    ValueTask<(RowFingerprints Left, RowFingerprints Right, RowMatching Matching)> AlignAsync(ColumnPlan plan, PhaseProgress progress);

    /// <summary>
    /// The rows are paired for good: what pairing them took (key hashes, the key maps) is garbage from here on, and tables in
    /// this process may give its memory back before the rows that differ are fetched.
    /// </summary>
    void Aligned();

    /// <summary>The cells of these rows on each side; whether they are to be <paramref name="scored"/>, as <see cref="ITableStore.Fetch"/> says.</summary>
    ValueTask<(IRowSource Left, IRowSource Right)> FetchAsync(IReadOnlyCollection<int> left, IReadOnlyCollection<int> right, bool scored);

    /// <summary>
    /// Pairs unpaired removed and added rows that are alike enough (content mode), and returns the sources the result is
    /// assembled from: <paramref name="left"/> and <paramref name="right"/>, or the same keeping the rows pairing read.
    /// </summary>
    ValueTask<(IRowSource Left, IRowSource Right)> PairSimilarAsync(IRowSource left, IRowSource right, ColumnPlan plan, CellComparer comparer,
        double similarity, RowMatching matching);

    /// <summary>Why these tables cannot gather this many rows, or null when they can.</summary>
    string? CannotGather(int rows);
}

/// <summary>
/// Thrown inside the pipeline when the tables cannot do a step; the sharded entry answers with the reason instead.
/// <paramref name="resultRows"/> is set when the reason is the size of the result itself, which no other way of running helps.
/// </summary>
internal sealed class DiffDeclinedException(string reason, int? resultRows = null) : Exception(reason)
{
    public int? ResultRows => resultRows;
}

internal static class DiffPipeline
{
    public static async ValueTask<DiffResult> RunAsync(IDiffTables tables, DiffOptions options, CellComparer comparer, PartitionRunner runner, PhaseProgress progress)
    {
        var notices = new List<string>(tables.Notices);
        var plan = ColumnMatcher.Match(tables.LeftHeader, tables.RightHeader, options.AutoKey ? options with { Key = [] } : options);
        progress.Report(DiffPhase.Hashing, 0);
        if (options.AutoKey)
        {
            if (await tables.FindKeyAsync(plan, comparer) is { } key)
            {
                plan = plan.WithKey(key);
                notices.Add($"key chosen automatically: {string.Join(", ", plan.KeyNames)} (unique in both tables)");
            }
            else
            {
                notices.Add("no column or pair of columns is unique in both tables; rows are compared by content");
            }
        }

        var (leftPrints, rightPrints, matching) = await tables.AlignAsync(plan, progress);
        if (options.DetectRenames && (long)plan.Added.Length * plan.Removed.Length > RenameDetector.MaxCandidatePairs)
        {
            notices.Add($"{plan.Removed.Length} columns removed and {plan.Added.Length} added: too many pairs to look for renames, so none are reported");
        }
        else if (options.DetectRenames && plan.Added.Length > 0 && plan.Removed.Length > 0)
        {
            var sample = RenameDetector.SampledPairs(matching);
            var (leftSample, rightSample) = await tables.FetchAsync([.. sample.Select(p => p.Left)], [.. sample.Select(p => p.Right)], scored: true);
            var renames = RenameDetector.Detect(leftSample, rightSample, plan, matching, comparer);
            if (renames.Count > 0)
            {
                plan = plan.WithRenames(renames);
                (leftPrints, rightPrints, matching) = await tables.AlignAsync(plan, progress);
            }
        }

        tables.Aligned();
        // One fetch gets every row the rest reads: unpaired rows (content mode may pair them), paired rows that differ, and those listed.
        var (leftNeeded, rightNeeded, inOrder) = DiffAssembler.RowsRead(matching, leftPrints, rightPrints, options, plan);
        if (tables.CannotGather(leftNeeded.Count + rightNeeded.Count) is { } tooMany)
        {
            throw new DiffDeclinedException(tooMany, leftNeeded.Count + rightNeeded.Count);
        }
        // Content mode scores every unpaired row against many others; keyed, each row is looked at once, cell by cell at most.
        var (leftRows, rightRows) = await tables.FetchAsync(leftNeeded, rightNeeded, scored: plan.KeyPositions.Length == 0);
        if (plan.KeyPositions.Length == 0)
        {
            (leftRows, rightRows) = await tables.PairSimilarAsync(leftRows, rightRows, plan, comparer, options.Similarity, matching);
        }

        progress.Report(DiffPhase.Comparing, 0);
        var (rows, summary) = new DiffAssembler(leftRows, rightRows, plan, comparer, options).Assemble(matching, leftPrints, rightPrints, inOrder, runner);
        progress.Report(DiffPhase.Comparing, 1);
        return new DiffResult(plan.KeyPositions.Length > 0 ? DiffMode.Key : DiffMode.Content, plan.KeyNames, tables.LeftInfo, tables.RightInfo,
            plan.ToSchemaDiff(), summary, rows, notices);
    }
}

/// <summary>Maps each phase's own 0..1 onto a slice of the run's 0..1, so that a progress bar never moves backwards.</summary>
internal sealed class PhaseProgress(IProgress<DiffProgress>? sink)
{
    private static readonly double[] PhaseStart = [0.0, 0.35, 0.65, 0.8, 1.0];

    // Reports may come from two threads at once while both tables are read; the lock keeps them in order.
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

    internal static double Overall(DiffPhase phase, double fraction)
    {
        var index = (int)phase;
        return PhaseStart[index] + ((PhaseStart[index + 1] - PhaseStart[index]) * Math.Clamp(fraction, 0, 1));
    }
}
