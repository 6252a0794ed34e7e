// Runs the engine's partitions on thread-pool threads: how the native CLI gets its parallelism.
using System.Runtime.ExceptionServices;

namespace CsvDiff.Cli;

internal sealed class ThreadScheduler(int threads) : IPartitionScheduler
{
    public int Parallelism => threads;

    public void Run(int partitionCount, Action<int> work)
    {
        if (threads == 1 || partitionCount == 1)
        {
            SequentialScheduler.Instance.Run(partitionCount, work);
            return;
        }
        try
        {
            Parallel.For(0, partitionCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, work);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Callers handle the engine's own exception types, not the parallel loop's wrapper.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
