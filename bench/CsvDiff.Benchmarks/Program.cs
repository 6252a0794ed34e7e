// Entry point: `phases LEFT RIGHT` profiles one whole diff by phase; anything else goes to BenchmarkDotNet (--filter picks).
using BenchmarkDotNet.Running;
using CsvDiff.Benchmarks;

if (args is ["phases", var left, var right])
{
    PhaseProfile.Run(left, right);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Pairs).Assembly).Run(args);
