// Reads one input: decodes it, settles the delimiter and header, and indexes every record in one pass, held whole or streamed.

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
        indexer.Scan(data, 0, atEnd: true);
        return new CsvTable(indexer.Finish(decoded.Encoding), decoded.Utf8);
    }

    /// <summary>
    /// Reads an input from its stream a chunk at a time, keeping where each record starts but none of its bytes. Gives null
    /// when the input is anything but well-formed UTF-8 CSV (a byte order mark allowed): reading it whole then gives the
    /// same notices and errors <see cref="Read"/> always gives, at the cost of a second read in cases that are rare. An input
    /// too large to read whole gets the error streaming finds instead. <paramref name="maxBufferBytes"/> is the most a record
    /// may take (all an array can hold; tests lower it), and an input longer than that is too large to read whole.
    /// </summary>
    public static StreamedTable? ReadStreamed(TableInput input, CsvFormat format, IRecordVisitor? visitor, int chunkBytes, long maxBufferBytes,
        Action<double>? progress, CancellationToken cancellation)
    {
        using var stream = StreamedTable.Open(input);
        var length = stream.Length;
        var head = new byte[(int)Math.Min(length, DelimiterDetector.SampleBytes + 4)];
        stream.ReadExactly(head);
        if (InputDecoder.NeedsDecoding(head))
        {
            return null;
        }
        var contentStart = head.AsSpan().StartsWith(InputDecoder.Utf8ByteOrderMark) ? InputDecoder.Utf8ByteOrderMark.Length : 0;
        var contentLength = length - contentStart;
        // Past 2 GB there is no reading whole to fall back on: a bad record is then reported as streaming finds it.
        var readableWhole = length <= Math.Min(maxBufferBytes, Array.MaxLength);
        var delimiter = format.Delimiter is { } given ? (byte)given : DelimiterDetector.Detect(head.AsSpan(contentStart));
        var indexer = new RecordIndexer(input.Name, format, new CsvTokenizer(delimiter), contentLength, visitor, progress, cancellation);

        stream.Position = contentStart;
        // A small input is read in one chunk its size: a fresh buffer is memory the process touches for the first time, and
        // two of 2 MB each took a quarter of a 300-byte diff's run. Past SmallInputBytes the full chunks stay: a buffer of
        // 2 MB or more gets the GC heap's huge pages (HugePages in the command line), and one just under it, for a 1 MB input,
        // took 500 more page faults. (A length of 0 may be a file that does not know its size.)
        if (contentLength > 0 && contentLength < Math.Min(chunkBytes, SmallInputBytes))
        {
            chunkBytes = (int)contentLength + 1;
        }
        var buffer = new byte[chunkBytes * 2];
        var filled = 0;
        var origin = 0L;
        var atEnd = false;
        var cutShort = false;
        while (!atEnd)
        {
            if (buffer.Length - filled < chunkBytes)
            {
                // What is left over is one record longer than a chunk: the buffer grows to hold it, up to 2 GB. Past that it is
                // scanned as if the input ended there, which names the quote that opened it if it is one never closed.
                cutShort = (long)filled + chunkBytes > maxBufferBytes;
                if (!cutShort)
                {
                    Array.Resize(ref buffer, filled + chunkBytes);
                }
            }
            var read = cutShort ? 0 : stream.Read(buffer, filled, chunkBytes);
            atEnd = read == 0;
            filled += read;
            var data = buffer.AsSpan(0, filled);
            int consumed;
            try
            {
                consumed = indexer.Scan(data, origin, atEnd);
            }
            catch (CsvDiffException) when (readableWhole)
            {
                return null;
            }
            if (!Utf8Validation.IsValidText(data[..consumed]))
            {
                return readableWhole
                    ? null
                    : throw new CsvDiffException("holds bytes that are not UTF-8 text; a file larger than 2 GB can be read only as UTF-8", input.Name);
            }
            data[consumed..].CopyTo(buffer);
            filled -= consumed;
            origin += consumed;
        }
        if (cutShort)
        {
            throw new CsvDiffException("holds a record longer than 2 GB", input.Name, indexer.Line);
        }
        if (origin != contentLength)
        {
            throw StreamedTable.Changed(input.Name);
        }
        var encoding = contentStart > 0 ? TextEncoding.Utf8Bom : TextEncoding.Utf8;
        return new StreamedTable(indexer.Finish(encoding), input, format, chunkBytes, length, contentStart);
    }
}
