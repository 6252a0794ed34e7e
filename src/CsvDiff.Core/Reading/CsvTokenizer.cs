// The CSV tokenizer: finds the fields of one record in UTF-8 bytes without allocating. Every pass over a table uses it, so they all agree.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CsvDiff.Reading;

/// <summary>Where one field's content lies in the table's bytes; quotes are already excluded.</summary>
/// <param name="Start">Offset of the first content byte.</param>
/// <param name="Length">Number of content bytes.</param>
/// <param name="Quoted">The field is quoted: its opening quote is the byte before <paramref name="Start"/>, its closing quote the byte after its content.</param>
/// <param name="HasEscapedQuotes">The content holds doubled quotes that stand for one quote each.</param>
internal readonly record struct FieldSpan(int Start, int Length, bool Quoted, bool HasEscapedQuotes);

/// <summary>A reusable list of the fields of the record last read.</summary>
internal sealed class FieldList
{
    private FieldSpan[] _items = new FieldSpan[16];

    /// <summary>How many fields are listed.</summary>
    public int Count { get; private set; }

    /// <summary>How many fields the record has, listed or only counted.</summary>
    public int Total { get; private set; }

    public ReadOnlySpan<FieldSpan> Items => _items.AsSpan(0, Count);

    public FieldSpan this[int index] => _items[index];

    /// <summary>
    /// Whether a field of the record, listed or only counted, is quoted otherwise than CSV writers quote: quoted though it
    /// holds no delimiter, quote or line break, or holding a quote unquoted. Writers quote a field exactly when it holds one.
    /// </summary>
    public bool HasUnusualQuoting { get; private set; }

    public void Clear()
    {
        Count = 0;
        Total = 0;
        HasUnusualQuoting = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int start, int length) => Append(new FieldSpan(start, length, Quoted: false, HasEscapedQuotes: false));

    public void AddQuoted(int start, int length, bool hasEscapedQuotes) => Append(new FieldSpan(start, length, Quoted: true, hasEscapedQuotes));

    public void NoteUnusualQuoting() => HasUnusualQuoting = true;

    public void SetTotal(int total) => Total = total;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(FieldSpan field)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        _items[Count++] = field;
    }
}

/// <summary>A record the tokenizer cannot read; <see cref="Offset"/> is where the problem is.</summary>
internal sealed class MalformedRecordException(string problem, int offset, int field, bool unclosedQuote = false) : Exception(problem)
{
    public int Offset { get; } = offset;

    public int Field { get; } = field;

    /// <summary>A quoted field runs to the end of the bytes given: more bytes of the same input may still close it.</summary>
    public bool UnclosedQuote { get; } = unclosedQuote;
}

/// <summary>
/// RFC 4180 with the real world's leniencies: CRLF, LF or a lone CR end a record; a field is quoted
/// only when its first byte is a quote; a quote inside an unquoted field is an ordinary character.
/// Text between a closing quote and the next delimiter is an error, because no reading of it is safe.
/// </summary>
internal sealed class CsvTokenizer
{
    private const byte Quote = (byte)'"';
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private readonly byte _delimiter;

    /// <param name="delimiter">Never a quote, CR or LF (DiffOptions.Validate refuses them).</param>
    public CsvTokenizer(byte delimiter) => _delimiter = delimiter;

    public byte Delimiter => _delimiter;

    public static bool IsLineBreak(byte b) => b is Cr or Lf;

    /// <summary>A record's bytes without the one line ending ReadRecord consumed after it (CRLF, LF or CR).</summary>
    public static ReadOnlySpan<byte> WithoutLineEnd(ReadOnlySpan<byte> record) =>
        record.EndsWith("\r\n"u8) ? record[..^2] : record.Length > 0 && IsLineBreak(record[^1]) ? record[..^1] : record;

    /// <summary>
    /// Reads the record that starts at <paramref name="position"/> (which must not be at the end) into
    /// <paramref name="fields"/>; returns the offset after its line ending and counts the line breaks it spans.
    /// </summary>
    public int ReadRecord(ReadOnlySpan<byte> data, int position, FieldList fields, out int lineBreaks) =>
        ReadLeadingFields(data, position, fields, int.MaxValue, out _, out lineBreaks);

    /// <summary>
    /// Reads the record at <paramref name="position"/> as <see cref="ReadRecord"/> does, but lists only its first
    /// <paramref name="fieldsWanted"/> fields; <paramref name="fieldCount"/> counts all of them.
    /// </summary>
    public int ReadLeadingFields(ReadOnlySpan<byte> data, int position, FieldList fields, int fieldsWanted, out int fieldCount, out int lineBreaks)
    {
        var end = ReadFields(data, position, fields, fieldsWanted, out fieldCount, out lineBreaks);
        fields.SetTotal(fieldCount);
        return end;
    }

    // The tokenizer proper, one pass over the record. It looks at 16 bytes at a time for the bytes that matter (delimiters,
    // quotes, CR, LF), as a bit mask, and visits only those: a field costs a few steps however long it is, and there is no
    // call per field, which is what the browser's interpreter pays most for. Quoted fields are read by their closing quote.
    private int ReadFields(ReadOnlySpan<byte> data, int position, FieldList fields, int limit, out int fieldCount, out int lineBreaks)
    {
        fields.Clear();
        fieldCount = 0;
        lineBreaks = 0;
        var fieldStart = position;
        // The stops in the block at blockStart not yet visited, one bit a byte; blockStart < 0 means no block is loaded.
        var blockStart = -1;
        var stops = 0u;
        while (true)
        {
            if (fieldStart < data.Length && data[fieldStart] == Quote)
            {
                var close = ClosingQuote(data, fieldStart, out var escaped, ref lineBreaks, out var holdsDelimiterOrLineBreak);
                if (close < 0)
                {
                    throw new MalformedRecordException("a quoted field is never closed (unbalanced quote)", fieldStart, fieldCount, unclosedQuote: true);
                }
                if (!holdsDelimiterOrLineBreak && !escaped)
                {
                    fields.NoteUnusualQuoting();
                }
                if (fieldCount < limit)
                {
                    fields.AddQuoted(fieldStart + 1, close - fieldStart - 1, escaped);
                }
                fieldCount++;
                var after = close + 1;
                if (after >= data.Length)
                {
                    return data.Length;
                }
                if (data[after] == _delimiter)
                {
                    // The block's stops still to visit are inside the quoted field: look again from the next field.
                    fieldStart = after + 1;
                    blockStart = -1;
                    stops = 0;
                    continue;
                }
                if (IsLineBreak(data[after]))
                {
                    lineBreaks++;
                    return SkipLineBreak(data, after);
                }
                throw new MalformedRecordException("unexpected text after a closing quote (a quote inside a quoted field must be doubled)", after, fieldCount - 1);
            }

            // An unquoted field ends at the next delimiter or line break; a quote inside it is an ordinary character.
            int stop;
            while (true)
            {
                if (stops == 0)
                {
                    // Every byte before the next block has been looked at: the stops in the blocks so far are all visited.
                    var next = blockStart < 0 ? fieldStart : blockStart + Vector128<byte>.Count;
                    if (next > data.Length - Vector128<byte>.Count)
                    {
                        stop = NextStopInTail(data, next, fields);
                        blockStart = -1;
                        break;
                    }
                    blockStart = next;
                    stops = StopsAt(data, blockStart);
                    continue;
                }
                stop = blockStart + BitOperations.TrailingZeroCount(stops);
                stops &= stops - 1;
                if (data[stop] != Quote)
                {
                    break;
                }
                fields.NoteUnusualQuoting();
            }
            if (fieldCount < limit)
            {
                fields.Add(fieldStart, (stop < 0 ? data.Length : stop) - fieldStart);
            }
            fieldCount++;
            if (stop < 0)
            {
                return data.Length;
            }
            if (data[stop] != _delimiter)
            {
                lineBreaks++;
                return SkipLineBreak(data, stop);
            }
            // A quoted field next is read from its opening quote, and the blocks start again after it.
            fieldStart = stop + 1;
        }
    }

    // One bit for each delimiter, quote, CR or LF among the 16 bytes at offset.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint StopsAt(ReadOnlySpan<byte> data, int offset)
    {
        var bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(data), (nuint)offset);
        var found = Vector128.Equals(bytes, Vector128.Create(_delimiter)) | Vector128.Equals(bytes, Vector128.Create(Quote))
            | Vector128.Equals(bytes, Vector128.Create(Cr)) | Vector128.Equals(bytes, Vector128.Create(Lf));
        return found.ExtractMostSignificantBits();
    }

    // The first delimiter, CR or LF from offset in the last bytes, fewer than a block; -1 when there is none. A quote on the
    // way is inside an unquoted field, and noted as the blocks note it.
    private int NextStopInTail(ReadOnlySpan<byte> data, int offset, FieldList fields)
    {
        for (var i = offset; i < data.Length; i++)
        {
            var b = data[i];
            if (b == Quote)
            {
                fields.NoteUnusualQuoting();
            }
            if (b == _delimiter || b == Cr || b == Lf)
            {
                return i;
            }
        }
        return -1;
    }

    // The closing quote of the quoted field opening at openingQuote, or -1. Doubled quotes inside are text, and say so; line
    // breaks inside are counted as CountLineBreaks counts them. The content is looked at 16 bytes at a time, as unquoted
    // fields are, for quotes, line breaks and delimiters: one pass, and no call per quote or per line break.
    private int ClosingQuote(ReadOnlySpan<byte> data, int openingQuote, out bool escaped, ref int lineBreaks, out bool holdsDelimiterOrLineBreak)
    {
        escaped = false;
        holdsDelimiterOrLineBreak = false;
        var position = openingQuote + 1;
        while (position < data.Length)
        {
            var blockStart = position;
            var blockEnd = Math.Min(blockStart + Vector128<byte>.Count, data.Length);
            var stops = blockEnd - blockStart == Vector128<byte>.Count ? StopsAt(data, blockStart) : StopsInTail(data, blockStart);
            position = blockEnd;
            while (stops != 0)
            {
                var at = blockStart + BitOperations.TrailingZeroCount(stops);
                stops &= stops - 1;
                var stop = data[at];
                if (stop == Quote)
                {
                    if (at + 1 == data.Length || data[at + 1] != Quote)
                    {
                        return at;
                    }
                    escaped = true;
                    if (at + 1 < blockEnd)
                    {
                        // The second quote of the pair is the next stop in this block.
                        stops &= stops - 1;
                    }
                    else
                    {
                        position = at + 2;
                    }
                    continue;
                }
                holdsDelimiterOrLineBreak = true;
                // CRLF is one line break: its CR is not counted, its LF is.
                if (stop == Lf || (stop == Cr && (at + 1 == data.Length || data[at + 1] != Lf)))
                {
                    lineBreaks++;
                }
            }
        }
        return -1;
    }

    // One bit for each delimiter, quote, CR or LF in the last bytes from offset, fewer than a block.
    private uint StopsInTail(ReadOnlySpan<byte> data, int offset)
    {
        var stops = 0u;
        for (var i = offset; i < data.Length; i++)
        {
            var b = data[i];
            if (b == _delimiter || b == Quote || b == Cr || b == Lf)
            {
                stops |= 1u << (i - offset);
            }
        }
        return stops;
    }

    private static int SkipLineBreak(ReadOnlySpan<byte> data, int position) =>
        data[position] == Cr && position + 1 < data.Length && data[position + 1] == Lf ? position + 2 : position + 1;

    /// <summary>Counts line breaks the way editors number lines: CRLF, LF and a lone CR each count once.</summary>
    public static int CountLineBreaks(ReadOnlySpan<byte> text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == Lf)
            {
                count++;
            }
            else if (text[i] == Cr && (i + 1 == text.Length || text[i + 1] != Lf))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>The field's value as UTF-8: the bytes themselves, or with doubled quotes collapsed into <paramref name="scratch"/>.</summary>
    public static ReadOnlySpan<byte> Value(ReadOnlySpan<byte> data, FieldSpan field, ref byte[] scratch)
    {
        var raw = data.Slice(field.Start, field.Length);
        if (!field.HasEscapedQuotes)
        {
            return raw;
        }
        if (scratch.Length < raw.Length)
        {
            scratch = new byte[Math.Max(raw.Length, scratch.Length * 2)];
        }
        var written = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            scratch[written++] = raw[i];
            if (raw[i] == Quote)
            {
                i++;
            }
        }
        return scratch.AsSpan(0, written);
    }
}
