// The seam through which a host lends the engine its parallelism (threads natively, nothing in a single-threaded browser runtime).
namespace CsvDiff;

/// <summary>
/// Runs independent partitions of one pipeline stage. The engine splits work into partitions whose
/// results it merges in partition order, so the output never depends on how or where they ran.
/// </summary>
public interface IPartitionScheduler
{
    /// <summary>How many partitions are worth making: the number of workers the host can run at once.</summary>
    int Parallelism { get; }

    /// <summary>Runs <paramref name="work"/> for every partition index in [0, <paramref name="partitionCount"/>) and returns when all are done.</summary>
    void Run(int partitionCount, Action<int> work);
}

/// <summary>Runs every partition in order on the calling thread.</summary>
public sealed class SequentialScheduler : IPartitionScheduler
{
    /// <summary>The one instance; it holds no state.</summary>
    public static SequentialScheduler Instance { get; } = new();

    /// <inheritdoc/>
    public int Parallelism => 1;

    /// <inheritdoc/>
    public void Run(int partitionCount, Action<int> work)
    {
        for (var partition = 0; partition < partitionCount; partition++)
        {
            work(partition);
        }
    }
}
