// Entry point: BenchmarkDotNet picks benchmarks by --filter; bench/micro.sh runs them all and keeps the reports.
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CsvDiff.Benchmarks.Pairs).Assembly).Run(args);
