// Reads one input: decodes it, settles the delimiter and header, and indexes every record in one pass, held whole or streamed.

using CsvDiff.Internals;

namespace CsvDiff.Reading;

internal static class TableReader
{
    /// <summary>How many bytes a streamed read asks its stream for at a time.</summary>
    public const int DefaultChunkBytes = 1 << 20;

    /// <summary>Inputs shorter than this are read in one chunk of their own size (<see cref="ReadStreamed"/>).</summary>
    public const int SmallInputBytes = 64 << 10;

    public static CsvTable Read(TableInput input, CsvFormat format, Action<double>? progress, CancellationToken cancellation,
        IRecordVisitor? visitor = null)
    {
        var decoded = InputDecoder.Decode(input);
        var data = decoded.Utf8.Span;
        var delimiter = format.Delimiter is { } given ? (byte)given : DelimiterDetector.Detect(data);
        var indexer = new RecordIndexer(input.Name, format, new CsvTokenizer(delimiter), data.Length, visitor, progress, cancellation);
        if (decoded.Encoding == TextEncoding.Windows1252)
        {
            indexer.Notices.Add($"{input.Name}: not valid UTF-8; read as Windows-1252");
        }
        indexer.Scan(data, 0, SpanEnd.InputEnd);
        return new CsvTable(indexer.Finish(decoded.Encoding), decoded.Utf8);
    }

    /// <summary>
    /// Reads an input from its stream a chunk at a time, keeping where each record starts but none of its bytes. Gives null
    /// when the input is anything but well-formed UTF-8 CSV (a byte order mark allowed): reading it whole then gives the
    /// same notices and errors <see cref="Read"/> always gives, at the cost of a second read in cases that are rare. An input
    /// too large to read whole gets the error streaming finds instead. <paramref name="maxBufferBytes"/> is the most a record
    /// may take (all an array can hold; tests lower it), and an input longer than that is too large to read whole. Read on
    /// this thread alone; <see cref="ReadInParts"/> reads inputs on several.
    /// </summary>
    public static StreamedTable? ReadStreamed(TableInput input, CsvFormat format, IRecordVisitor? visitor, int chunkBytes, long maxBufferBytes,
        Action<double>? progress, CancellationToken cancellation)
    {
        var runner = new PartitionRunner(SequentialScheduler.Instance, PartitionRunner.DefaultMinimumRowsPerPartition, cancellation);
        return ReadInParts.Read([new(input, visitor, progress)], format, chunkBytes, maxBufferBytes, runner, threads: 1)[0].TableOrThrow();
    }
}
