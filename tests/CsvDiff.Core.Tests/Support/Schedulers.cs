// Schedulers that run partitions concurrently or out of order, to prove results never depend on how partitions ran.
using System.Runtime.ExceptionServices;

namespace CsvDiff.Tests.Support;

internal sealed class ThreadedScheduler(int parallelism) : IPartitionScheduler
{
    public int Parallelism => parallelism;

    public void Run(int partitionCount, Action<int> work)
    {
        try
        {
            Parallel.For(0, partitionCount, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, work);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}

internal sealed class ReversedScheduler(int parallelism) : IPartitionScheduler
{
    public int Parallelism => parallelism;

    public void Run(int partitionCount, Action<int> work)
    {
        for (var partition = partitionCount - 1; partition >= 0; partition--)
        {
            work(partition);
        }
    }
}

internal static class Executions
{
    public static DiffExecution Sequential { get; } = new();

    /// <summary>Ways of running a diff that must all give the same result: few rows per partition, so even small tables split.</summary>
    public static IEnumerable<DiffExecution> Partitioned()
    {
        yield return new DiffExecution { Scheduler = new ThreadedScheduler(4), MinimumRowsPerPartition = 1 };
        yield return new DiffExecution { Scheduler = new ReversedScheduler(3), MinimumRowsPerPartition = 2 };
        yield return new DiffExecution { Scheduler = new ThreadedScheduler(2), MinimumRowsPerPartition = 5 };
    }
}
