// Entry point for AFL++: SharpFuzz runs the target once per input in a forked process.
using CsvDiff.Fuzzing;
using SharpFuzz;

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzTarget.Run(buffer.ToArray());
});
