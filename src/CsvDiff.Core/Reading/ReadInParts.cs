// Streamed inputs read by every thread the host lends: a thread with no input left to start takes half of what another has left.
using System.Runtime.ExceptionServices;
using CsvDiff.Internals;

namespace CsvDiff.Reading;

/// <summary>
/// Reads streamed inputs (see <see cref="TableReader.ReadStreamed"/>) on as many threads as the scheduler runs. Each input is
/// read in parts, in file order, each part by one thread: at first one part, from its start. A thread with no input left to
/// start cuts the part with the most bytes still to read at a line feed about half way through them, and reads on from
/// there. Whether that line feed ends a record is known only when the part before reaches it, since it may be inside a quoted
/// cell: if it does, the parts' rows are joined in order; if not, the part before reads on through the other's bytes and the
/// other's work is dropped. Why: with one thread an input, two inputs of one size read on two threads ended up to 53 ms apart
/// in 180 on a shared machine, one core idle meanwhile, and more threads than inputs had nothing to do.
/// </summary>
internal sealed class ReadInParts
{
    // How far past a cut's first guess to look for a line feed that starts a record.
    private const int CutWindowBytes = 64 * 1024;

    private readonly Input[] _inputs;
    private readonly CsvFormat _format;
    private readonly int _chunkBytes;
    private readonly long _maxBufferBytes;
    private readonly CancellationToken _cancellation;
    private readonly object _starting = new();
    private readonly Action<ReadInParts>? _afterEachChunk;
    private readonly int _threads;

    private ReadInParts(Input[] inputs, CsvFormat format, int chunkBytes, long maxBufferBytes, Action<ReadInParts>? afterEachChunk,
        int threads, CancellationToken cancellation) =>
        (_inputs, _format, _chunkBytes, _maxBufferBytes, _cancellation, _afterEachChunk, _threads) =
        (inputs, format, chunkBytes, maxBufferBytes, cancellation, afterEachChunk, threads);

    /// <summary>One input to read: the visitor that sees its records, and who hears how much of it is read (a fraction).</summary>
    public sealed record Request(TableInput Input, IRecordVisitor? Visitor, Action<double>? Progress);

    /// <summary>How one input's read ended: its table, null when it must be read whole instead, or the failure to raise.</summary>
    public sealed class Outcome(StreamedTable? table, ExceptionDispatchInfo? failure)
    {
        /// <summary>The table (null when the input must be read whole, as <see cref="TableReader.ReadStreamed"/> says), or the read's failure raised.</summary>
        public StreamedTable? TableOrThrow()
        {
            failure?.Throw();
            return table;
        }

        /// <summary>This outcome, once <paramref name="finish"/> has seen its table if it has one.</summary>
        public Outcome Then(Action<StreamedTable> finish)
        {
            if (table is not null)
            {
                finish(table);
            }
            return this;
        }
    }

    /// <summary>
    /// Reads every input on <paramref name="threads"/> threads of <paramref name="runner"/>. Each outcome is taken in turn, so
    /// that the caller raises the failures in the order it chooses. <paramref name="maxBufferBytes"/> is the most a record may
    /// take (all an array can hold; tests lower it), and an input longer than that is too large to read whole. Tests cut parts
    /// where they choose with <paramref name="afterEachChunk"/>, which a part's reader calls between chunks: another thread's
    /// <see cref="Work"/> run there, on this one, cuts the part being read and reads on from the cut before it goes on.
    /// </summary>
    public static Outcome[] Read(IReadOnlyList<Request> requests, CsvFormat format, int chunkBytes, long maxBufferBytes,
        PartitionRunner runner, int threads, Action<ReadInParts>? afterEachChunk = null)
    {
        var reading = new ReadInParts(requests.Select(request => new Input(request)).ToArray(), format, chunkBytes, maxBufferBytes,
            afterEachChunk, threads, runner.Cancellation);
        runner.Run(threads, _ => reading.Work());
        return reading._inputs.Select(input => new Outcome(input.Error is null ? reading.Join(input) : null, input.Error)).ToArray();
    }

    /// <summary>A thread's share: inputs not yet started, in order, then halves of the parts with the most left, until none is worth cutting.</summary>
    public void Work()
    {
        // One buffer for all the parts a thread reads: memory touched for the first time costs a page fault a page, and a cut
        // part read into a fresh 2 MB buffer took twice as long as the part before it took for as many bytes.
        var buffer = new ChunkBuffer();
        while (true)
        {
            if (NextToStart() is { } input)
            {
                Guarded(input, () => Start(input, buffer));
            }
            else if (CutOne() is var (cutInput, part, stream))
            {
                using (stream)
                {
                    Guarded(cutInput, () => ReadPart(cutInput, part, stream, buffer));
                }
            }
            else
            {
                return;
            }
        }
    }

    private Input? NextToStart()
    {
        lock (_starting)
        {
            var input = _inputs.FirstOrDefault(input => !input.Started);
            if (input is not null)
            {
                input.Started = true;
            }
            return input;
        }
    }

    // Opens the input, settles its encoding, delimiter and first part, and reads that part.
    private void Start(Input input, ChunkBuffer buffer)
    {
        var request = input.Request;
        using var stream = StreamedTable.Open(request.Input);
        var length = stream.Length;
        var head = new byte[(int)Math.Min(length, DelimiterDetector.SampleBytes + 4)];
        stream.ReadExactly(head);
        if (InputDecoder.NeedsDecoding(head))
        {
            input.ReadWhole = true;
            return;
        }
        var contentStart = head.AsSpan().StartsWith(InputDecoder.Utf8ByteOrderMark) ? InputDecoder.Utf8ByteOrderMark.Length : 0;
        input.Length = length;
        input.ContentStart = contentStart;
        // Past 2 GB there is no reading whole to fall back on: a bad record is then reported as streaming finds it, and so the
        // input is read by one thread alone, whose errors are the input's.
        input.ReadableWhole = length <= Math.Min(_maxBufferBytes, Array.MaxLength);
        var delimiter = _format.Delimiter is { } given ? (byte)given : DelimiterDetector.Detect(head.AsSpan(contentStart));
        var contentLength = length - contentStart;
        var first = new Part(0, contentLength, endsInput: true);
        first.Indexer = new RecordIndexer(request.Input.Name, _format, new CsvTokenizer(delimiter), contentLength, request.Visitor,
            input.Reporter(first, contentLength), _cancellation);
        lock (input.Gate)
        {
            input.Parts.Add(first);
        }
        ReadPart(input, first, stream, buffer);
    }

    // A failure here is the input's (its bad records are not: see ReadPart), kept for when every thread is done.
    private static void Guarded(Input input, Action read)
    {
        try
        {
            read();
        }
#pragma warning disable CA1031 // Kept and raised once every thread is done, in the inputs' order; none is swallowed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            lock (input.Gate)
            {
                input.Error ??= ExceptionDispatchInfo.Capture(e);
            }
        }
    }

    /// <summary>Reads the part's bytes a chunk at a time, from its start to its end, which a cut may move.</summary>
    private void ReadPart(Input input, Part part, Stream stream, ChunkBuffer chunks)
    {
        var name = input.Request.Input.Name;
        var chunkBytes = _chunkBytes;
        // A small input is read in one chunk its size: a fresh buffer is memory the process touches for the first time, and
        // two of 2 MB each took a quarter of a 300-byte diff's run. Past SmallInputBytes the full chunks stay: a buffer of
        // 2 MB or more gets the GC heap's huge pages (HugePages in the command line), and one just under it, for a 1 MB input,
        // took 500 more page faults. (A length of 0 may be a file that does not know its size.)
        var contentLength = input.Length - input.ContentStart;
        if (contentLength > 0 && contentLength < Math.Min(chunkBytes, TableReader.SmallInputBytes))
        {
            chunkBytes = (int)contentLength + 1;
        }
        if (chunks.Bytes.Length < chunkBytes * 2)
        {
            chunks.Bytes = new byte[chunkBytes * 2];
        }
        var buffer = chunks.Bytes;
        var filled = 0;
        var origin = part.Start;
        var position = part.Start;
        var cutShort = false;
        stream.Position = input.ContentStart + part.Start;
        while (true)
        {
            if (buffer.Length - filled < chunkBytes)
            {
                // What is left over is one record longer than a chunk: the buffer grows to hold it, up to 2 GB. Past that it is
                // scanned as if the input ended there, which names the quote that opened it if it is one never closed.
                cutShort = (long)filled + chunkBytes > _maxBufferBytes;
                if (!cutShort)
                {
                    Array.Resize(ref buffer, filled + chunkBytes);
                    chunks.Bytes = buffer;
                }
            }
            long end;
            bool endsInput;
            int wanted;
            lock (input.Gate)
            {
                if (part.Dropped || input.ReadWhole || input.Error is not null)
                {
                    return;
                }
                (end, endsInput) = (part.End, part.EndsInput);
                // The input's last part reads to the stream's end, as a read of the whole input would; a part before a cut, to it.
                wanted = endsInput ? chunkBytes : (int)Math.Min(chunkBytes, end - position);
                part.Claimed = Math.Max(part.Claimed, position + wanted);
            }
            var read = cutShort || wanted == 0 ? 0 : stream.Read(buffer, filled, wanted);
            if (read == 0 && !endsInput && position < end)
            {
                throw StreamedTable.Changed(name);
            }
            filled += read;
            position += read;
            var spanEnd = endsInput ? (read == 0 ? SpanEnd.InputEnd : SpanEnd.MoreFollows) : position == end ? SpanEnd.Cut : SpanEnd.MoreFollows;
            var data = buffer.AsSpan(0, filled);
            int consumed;
            try
            {
                consumed = part.Indexer.Scan(data, origin, spanEnd);
            }
            catch (CsvDiffException) when (input.ReadableWhole)
            {
                Fail(input, part);
                return;
            }
            if (!Utf8Validation.IsValidText(data[..consumed]))
            {
                if (input.ReadableWhole)
                {
                    Fail(input, part);
                    return;
                }
                throw new CsvDiffException("holds bytes that are not UTF-8 text; a file larger than 2 GB can be read only as UTF-8", name);
            }
            data[consumed..].CopyTo(buffer);
            filled -= consumed;
            origin += consumed;
            if (part.Start == 0 && input.Columns is null && part.Indexer.Columns is { } columns)
            {
                lock (input.Gate)
                {
                    input.Columns = columns;
                }
            }
            _afterEachChunk?.Invoke(this);
            if (spanEnd == SpanEnd.InputEnd)
            {
                if (cutShort)
                {
                    throw new CsvDiffException("holds a record longer than 2 GB", name, part.Indexer.Line);
                }
                if (origin != contentLength)
                {
                    throw StreamedTable.Changed(name);
                }
                lock (input.Gate)
                {
                    part.Done = true;
                }
                return;
            }
            if (spanEnd == SpanEnd.Cut)
            {
                lock (input.Gate)
                {
                    if (part.Dropped)
                    {
                        // The part before read on through this one's bytes while it read them.
                        return;
                    }
                    if (filled == 0)
                    {
                        // The cut is between records: the part after it goes on from there.
                        part.Done = true;
                        return;
                    }
                    // A quoted cell is open at the cut: this part reads on through the next one's bytes, and its work is dropped.
                    var next = input.Parts[input.Parts.IndexOf(part) + 1];
                    next.Dropped = true;
                    input.Parts.Remove(next);
                    (part.End, part.EndsInput) = (next.End, next.EndsInput);
                }
            }
        }
    }

    // A bad record, or bytes that are not UTF-8: reading the input whole then gives the notices and errors it always gives. In
    // a part after a cut they may come of the cut instead (a line feed inside a quoted cell): that part stops, and its failure
    // goes with it if the part before reads on through its bytes.
    private static void Fail(Input input, Part part)
    {
        lock (input.Gate)
        {
            part.Failed = true;
            input.ReadWhole |= part.Start == 0;
        }
    }

    // Cuts the part with the most bytes still to read, when one has enough to be worth a thread, and opens the input for the
    // new part after the cut; null when none has.
    private (Input, Part, Stream)? CutOne()
    {
        var minimumLeft = 4L * _chunkBytes;
        while (true)
        {
            Input? input = null;
            Part? part = null;
            var mostLeft = minimumLeft;
            var starting = false;
            foreach (var candidate in _inputs)
            {
                lock (candidate.Gate)
                {
                    if (candidate.ReadWhole || candidate.Error is not null)
                    {
                        continue;
                    }
                    if (candidate.Columns is null)
                    {
                        // Opened by another thread, large enough to be cut, and its first part not yet past its header.
                        starting |= candidate.Length - candidate.ContentStart > minimumLeft && candidate.Parts.Count > 0 && !candidate.First.Done;
                        continue;
                    }
                    if (!candidate.ReadableWhole)
                    {
                        continue;
                    }
                    foreach (var reading in candidate.Parts)
                    {
                        if (!reading.Done && !reading.Failed && reading.End - reading.Claimed > mostLeft)
                        {
                            (input, part, mostLeft) = (candidate, reading, reading.End - reading.Claimed);
                        }
                    }
                }
            }
            if (input is null || part is null)
            {
                if (starting && _threads > 1)
                {
                    // A thread done with a small input while another begins a large one waits to share it (a millisecond, a
                    // fraction of what reading four chunks takes); on one thread (tests' cuts) nothing else would go on meanwhile.
                    Thread.Sleep(1);
                    continue;
                }
                return null;
            }
            long claimed, end;
            lock (input.Gate)
            {
                (claimed, end) = (part.Claimed, part.End);
            }
            Stream? stream = null;
            long cut;
            try
            {
                stream = StreamedTable.Open(input.Request.Input);
                cut = FindCut(input, stream, claimed + (end - claimed) / 2, end);
            }
            catch (Exception e) when (e is CsvDiffException or IOException)
            {
                // An input that cannot be opened again or read here: its part's own reader meets the same trouble, and reports it.
                stream?.Dispose();
                return null;
            }
            lock (input.Gate)
            {
                // The part may have read on, been cut, ended or been dropped meanwhile: then look again.
                if (cut > 0 && !part.Dropped && !part.Done && !part.Failed && part.End == end && part.Claimed < cut)
                {
                    var after = new Part(cut, end, part.EndsInput);
                    after.Indexer = input.First.Indexer.ForAnotherPart(end - cut, input.Reporter(after, end - cut));
                    (part.End, part.EndsInput) = (cut, false);
                    input.Parts.Insert(input.Parts.IndexOf(part) + 1, after);
                    return (input, after, stream);
                }
            }
            stream.Dispose();
            if (cut < 0)
            {
                return null;
            }
        }
    }

    // The offset just after the first line feed at or past `from` (and before `end`) that looks like it ends a record: the next
    // record reads whole, with as many fields as the header (unless rows may be ragged). -1 when there is none close by.
    private long FindCut(Input input, Stream stream, long from, long end)
    {
        var window = new byte[(int)Math.Min(CutWindowBytes, end - from)];
        stream.Position = input.ContentStart + from;
        var filled = stream.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
        var data = window.AsSpan(0, filled);
        var tokenizer = input.First.Indexer.Tokenizer;
        var columns = input.Columns!.Length;
        var fields = new FieldList();
        for (var lineFeed = data.IndexOf((byte)'\n'); lineFeed >= 0 && lineFeed + 1 < data.Length;)
        {
            var next = lineFeed + 1;
            try
            {
                var recordEnd = tokenizer.ReadLeadingFields(data, next, fields, 0, out var fieldCount, out _);
                if (recordEnd < data.Length && (fieldCount == columns || _format.AllowRagged))
                {
                    return from + next;
                }
            }
            catch (MalformedRecordException)
            {
                // Not a record's start, or one that runs past the window: look at the next line feed.
            }
            var further = data[next..].IndexOf((byte)'\n');
            lineFeed = further < 0 ? -1 : next + further;
        }
        return -1;
    }

    // The input's table: its parts' rows joined in order, when every part read its bytes; null when it must be read whole.
    private StreamedTable? Join(Input input)
    {
        if (input.ReadWhole || input.Parts.Any(part => part.Failed || !part.Done))
        {
            return null;
        }
        var first = input.First;
        foreach (var part in input.Parts.Skip(1))
        {
            first.Indexer.Append(part.Indexer);
        }
        var encoding = input.ContentStart > 0 ? TextEncoding.Utf8Bom : TextEncoding.Utf8;
        var request = input.Request;
        return new StreamedTable(first.Indexer.Finish(encoding), request.Input, _format, _chunkBytes, input.Length, input.ContentStart);
    }

    private sealed class Input(Request request)
    {
        public Request Request { get; } = request;

        /// <summary>Held while the parts, or any part's end, claim or state, are read or changed.</summary>
        public object Gate { get; } = new();

        /// <summary>The parts still read, in file order; each ends where the next starts.</summary>
        public List<Part> Parts { get; } = [];

        public Part First => Parts[0];

        public bool Started { get; set; }

        public long Length { get; set; }

        public int ContentStart { get; set; }

        public bool ReadableWhole { get; set; }

        /// <summary>The input is not well-formed UTF-8 CSV, or not UTF-8 at all: reading it whole tells how.</summary>
        public bool ReadWhole { get; set; }

        public ExceptionDispatchInfo? Error { get; set; }

        /// <summary>The table's columns, set (under the gate) once its first part has read them: parts are cut only then, since they need them.</summary>
        public string[]? Columns { get; set; }

        // Every part's progress, told as a share of the whole input. A part's indexer tells how far it is as its offset in the
        // input over the bytes it was given (`partBytes`).
        public Action<double>? Reporter(Part part, long partBytes)
        {
            if (Request.Progress is not { } progress)
            {
                return null;
            }
            var total = Math.Max(1, Length - ContentStart);
            return fraction =>
            {
                long read;
                lock (Gate)
                {
                    part.Reached = (long)(fraction * partBytes);
                    read = Parts.Sum(each => each.Reached - each.Start);
                }
                progress(Math.Min(1, (double)read / total));
            };
        }
    }

    private sealed class ChunkBuffer
    {
        public byte[] Bytes { get; set; } = [];
    }

    private sealed class Part(long start, long end, bool endsInput)
    {
        public long Start { get; } = start;

        /// <summary>Where the part ends: the input's end, or a cut where the next part starts.</summary>
        public long End { get; set; } = end;

        public bool EndsInput { get; set; } = endsInput;

        /// <summary>How far its reader has asked its stream for bytes: a cut is made only past it.</summary>
        public long Claimed { get; set; } = start;

        // Set once, before the part is read: the indexer's progress tells of the part.
        public RecordIndexer Indexer { get; set; } = null!;

        public bool Done { get; set; }

        public bool Failed { get; set; }

        public bool Dropped { get; set; }

        public long Reached { get; set; } = start;
    }
}
