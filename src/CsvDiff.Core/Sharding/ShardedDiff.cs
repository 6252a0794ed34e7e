// A diff spread over workers that each hold shards of the inputs: they read, hash, match and score; this coordinator assembles.
using System.Globalization;
using CsvDiff.Alignment;
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;
using CsvDiff.Reading;
using CsvDiff.Schema;

namespace CsvDiff.Sharding;

/// <summary>
/// Compares two tables held as shards by <see cref="ShardWorker"/>s. The workers read and hash their shards, then pair rows
/// in hash partitions and (by content) score similar rows in blocks, all in parallel; the coordinator fetches only the rows
/// that differ and assembles the same result <see cref="TableDiff.Compare(TableInput, TableInput, DiffOptions, DiffExecution?)"/> gives for the whole inputs. Where that sameness
/// cannot be guaranteed, it declines.
/// </summary>
public static class ShardedDiff
{
    /// <summary>
    /// The most rows the coordinator gathers from the workers (changed, added, removed, or unchanged ones when listed). The
    /// result holds them anyway, wherever it is built; past this many, the page's own work on them would stall it for long.
    /// </summary>
    public const int MaxGatheredRows = 1_000_000;

    /// <summary>
    /// Diffs the cluster's shards, or says why the host should run <see cref="TableDiff.Compare(TableInput, TableInput, DiffOptions, DiffExecution?)"/> instead.
    /// <paramref name="leftLook"/> and <paramref name="rightLook"/>, a <see cref="TableSniffer"/> look at each input's start,
    /// let workers hash rows while they read them instead of reading them twice; a look that proves wrong costs speed, never correctness.
    /// </summary>
    /// <exception cref="CsvDiffException">The options do not fit the inputs, or a key repeats.</exception>
    /// <exception cref="OperationCanceledException">The execution's cancellation token fired.</exception>
    public static async Task<ShardedOutcome> CompareAsync(IShardCluster cluster, DiffOptions options, DiffExecution? execution = null,
        TableSniff? leftLook = null, TableSniff? rightLook = null)
    {
        options.Validate();
        if (!options.Csv.HasHeader)
        {
            return Declined("tables without a header row are read whole, because each part would name its columns by its own first row");
        }
        if (options.AutoKey)
        {
            return Declined("choosing a key automatically reads every column of both tables whole");
        }
        execution ??= new DiffExecution();
        var cancellation = execution.Cancellation;
        var runner = new PartitionRunner(execution.Scheduler, execution.MinimumRowsPerPartition, cancellation);
        var progress = new PhaseProgress(execution.Progress);
        progress.Report(DiffPhase.Reading, 0);
        var (leftPlan, rightPlan) = ReadPlan.Expected(options, leftLook, rightLook);
        var loads = await Task.WhenAll(
            ShardedTable.LoadAsync(cluster, TableSide.Left, options, leftPlan, cancellation),
            ShardedTable.LoadAsync(cluster, TableSide.Right, options, rightPlan, cancellation));
        if ((loads[0].Problem ?? loads[1].Problem) is { } problem)
        {
            return Declined(problem);
        }
        try
        {
            var tables = new ShardedTables(cluster, loads[0].Table!, loads[1].Table!, options, runner, cancellation);
            return new ShardedOutcome(await DiffPipeline.RunAsync(tables, options, new CellComparer(options.Values), runner, progress), null);
        }
        catch (DiffDeclinedException declined)
        {
            return new ShardedOutcome(null, declined.Message) { ResultRows = declined.ResultRows };
        }
    }

    /// <summary>
    /// Runs a small made-up keyed diff in shards held in this process, so that every step of a sharded diff, the workers' and
    /// the coordinator's, has run once. A runtime that compiles as it goes (the browser's interpreter, about 0.3 s for this)
    /// then has the hot paths compiled before the first real diff, instead of compiling them while workers compete for the cores.
    /// It awaits each shard's reply as a real cluster's would, so a single-threaded host takes other work between its steps;
    /// <paramref name="cancellation"/> stops it at the next one. Returns the diff's summary.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired.</exception>
    public static async Task<DiffSummary> WarmUpAsync(CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var (left, right) = WarmUpTables.Make();
        TableInput[] inputs = [left, right];
        // Two shards of the left table, so that a shard read behind a copy of the header is part of it.
        var half = inputs[0].Bytes.Length / 2;
        var middle = half + inputs[0].Bytes.Span[half..].IndexOf((byte)'\n') + 1;
        // A part this small is shorter than the sample the delimiter is guessed from, and a sharded diff would decline to guess
        // it (ShardedTable): the delimiter is named.
        var options = new DiffOptions { Key = ["id"], Csv = new CsvFormat { Delimiter = ',' } };
        var looks = inputs.Select(input => TableSniffer.Sniff(input.Name, input.Bytes, input.Bytes.Length, options.Csv)).ToArray();
        var outcome = await CompareAsync(new LocalShardCluster(inputs[0], [middle], inputs[1], [], options, 1), options,
            new DiffExecution { Cancellation = cancellation }, looks[0], looks[1]);
        if (outcome.Result is null)
        {
            throw new InvalidOperationException($"the warm-up diff was declined: {outcome.Declined}");
        }
        return outcome.Result.Summary;
    }

    private static ShardedOutcome Declined(string reason) => new(null, reason);

    // The tables held in shards by the cluster's workers: they hash, match and score in parallel; this side gathers and decides.
    private sealed class ShardedTables(IShardCluster cluster, ShardedTable left, ShardedTable right, DiffOptions options, PartitionRunner runner,
        CancellationToken cancellation) : IDiffTables
    {
        public TableHeader LeftHeader => left.Header;

        public TableHeader RightHeader => right.Header;

        public TableInfo LeftInfo => left.Info;

        public TableInfo RightInfo => right.Info;

        public IReadOnlyList<string> Notices => [.. left.Notices, .. right.Notices];

        // CompareAsync declines --key auto before any shard is read.
        public ValueTask<int[]?> FindKeyAsync(ColumnPlan plan, CellComparer comparer) =>
            throw new InvalidOperationException("a sharded diff does not choose keys");

        public async ValueTask<(RowFingerprints Left, RowFingerprints Right, RowMatching Matching)> AlignAsync(ColumnPlan plan, PhaseProgress progress)
        {
            var form = RowFingerprints.FormFor(plan, (byte)left.Info.Delimiter, (byte)right.Info.Delimiter);
            var partitionCount = Math.Max(1, cluster.WorkerCount);
            var (leftHashes, leftPieces) = left.Hash(plan.LeftCompared, plan.KeyPositions, form, partitionCount, cancellation);
            var (rightHashes, rightPieces) = right.Hash(plan.RightCompared, plan.KeyPositions, form, partitionCount, cancellation);
            var checkDuplicates = plan.KeyPositions.Length > 0 && options.DuplicateKeys == DuplicateKeyPolicy.Error;
            // Equal hashes share a partition (chosen by the hash's high bits), so each worker pairs and finds repeats within its own.
            // The matching is asked for at once, each shard's pieces queued behind its hash request: the workers split, hand out
            // and match while this side reads the row hashes.
            var matches = Task.WhenAll(Enumerable.Range(0, partitionCount).Select(p => cluster.ComputeGatheringAsync(p,
                ShardMessages.Match(leftPieces[p].Length, checkDuplicates), [.. leftPieces[p], .. rightPieces[p]], cancellation)));
            // Should the hashes fail (the run cancelled, a worker lost for good), the matches fail with them, unawaited: seen here.
            _ = matches.ContinueWith(failed => failed.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            var prints = await Task.WhenAll(leftHashes, rightHashes);
            progress.Report(DiffPhase.Matching, 0);
            var partitions = (await matches).Select(ShardMessages.ReadMatch).ToArray();
            if (checkDuplicates)
            {
                await RejectDuplicatesAsync(left, partitions.Select(p => p.Left), plan.LeftCompared, plan);
                await RejectDuplicatesAsync(right, partitions.Select(p => p.Right), plan.RightCompared, plan);
            }
            var matching = new RowMatching(left.RowCount, right.RowCount);
            foreach (var partition in partitions)
            {
                matching.PairAll(partition.Lefts, partition.Rights);
            }
            progress.Report(DiffPhase.Matching, 1);
            return (prints[0], prints[1], matching);
        }

        // What pairing took is the workers' and theirs to drop; this side holds the row hashes and the pairs it still reads.
        public void Aligned()
        {
        }

        // Rows fetched from workers arrive as one string a cell, whatever they are for.
        public async ValueTask<(IRowSource Left, IRowSource Right)> FetchAsync(IReadOnlyCollection<int> leftRows, IReadOnlyCollection<int> rightRows,
            bool scored)
        {
            var fetched = await Task.WhenAll(left.FetchAsync(leftRows, cancellation), right.FetchAsync(rightRows, cancellation));
            return (fetched[0], fetched[1]);
        }

        // Scoring is the costly part of pairing: each worker scores a block of the left leftovers against all right ones.
        // The rows fetched from the workers are already cells in this process's memory, so the same sources serve the result.
        public async ValueTask<(IRowSource Left, IRowSource Right)> PairSimilarAsync(IRowSource leftRows, IRowSource rightRows, ColumnPlan plan,
            CellComparer comparer, double similarity, RowMatching matching)
        {
            if (SimilarityPairer.Collect(leftRows, rightRows, plan, comparer, matching, runner) is not { } leftovers)
            {
                return (leftRows, rightRows);
            }
            var blocks = Math.Clamp(cluster.WorkerCount, 1, leftovers.LeftRows.Count);
            var replies = await Task.WhenAll(Enumerable.Range(0, blocks).Select(block =>
            {
                var (start, end) = PartitionRunner.Range(leftovers.LeftRows.Count, block, blocks);
                return cluster.ComputeAsync(block, ShardMessages.Score(similarity, start, leftovers.LeftCells[start..end], leftovers.RightCells), cancellation);
            }));
            SimilarityPairer.Choose(leftovers, replies.SelectMany(ShardMessages.ReadCandidates), matching);
            return (leftRows, rightRows);
        }

        public string? CannotGather(int rows) => rows > MaxGatheredRows
            ? string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows differ or are listed, more than the {MaxGatheredRows:N0} gathered from workers")
            : null;

        private async Task RejectDuplicatesAsync(ShardedTable table, IEnumerable<RepeatedRows> partitions, int[] comparedColumns, ColumnPlan plan)
        {
            var found = partitions.Where(p => p.Count > 0).ToArray();
            if (found.Length > 0)
            {
                var group = found.MinBy(p => p.Group[0])!.Group;
                throw DuplicateKeyError.Create(await table.FetchAsync(group, cancellation), group, found.Sum(p => p.Count), comparedColumns, plan);
            }
        }
    }
}
