// The CSV tokenizer: finds the fields of one record in UTF-8 bytes without allocating. Every pass over a table uses it, so they all agree.
using System.Buffers;
using System.Runtime.CompilerServices;

namespace CsvDiff.Reading;

/// <summary>Where one field's content lies in the table's bytes; quotes are already excluded.</summary>
/// <param name="Start">Offset of the first content byte.</param>
/// <param name="Length">Number of content bytes.</param>
/// <param name="HasEscapedQuotes">The content holds doubled quotes that stand for one quote each.</param>
internal readonly record struct FieldSpan(int Start, int Length, bool HasEscapedQuotes);

/// <summary>A reusable list of the fields of the record last read.</summary>
internal sealed class FieldList
{
    private FieldSpan[] _items = new FieldSpan[16];

    public int Count { get; private set; }

    public ReadOnlySpan<FieldSpan> Items => _items.AsSpan(0, Count);

    public FieldSpan this[int index] => _items[index];

    public void Clear() => Count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int start, int length, bool hasEscapedQuotes)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        _items[Count++] = new FieldSpan(start, length, hasEscapedQuotes);
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
    private readonly SearchValues<byte> _unquotedStops;
    private static readonly SearchValues<byte> RecordStops = SearchValues.Create(Quote, Cr, Lf);

    public CsvTokenizer(byte delimiter)
    {
        _delimiter = delimiter;
        _unquotedStops = SearchValues.Create([delimiter, Cr, Lf]);
    }

    public byte Delimiter => _delimiter;

    public static bool IsLineBreak(byte b) => b is Cr or Lf;

    /// <summary>A record's bytes without the one line ending ReadRecord consumed after it (CRLF, LF or CR).</summary>
    public static ReadOnlySpan<byte> WithoutLineEnd(ReadOnlySpan<byte> record) =>
        record.EndsWith("\r\n"u8) ? record[..^2] : record.Length > 0 && IsLineBreak(record[^1]) ? record[..^1] : record;

    /// <summary>
    /// Reads the record that starts at <paramref name="position"/> (which must not be at the end) into
    /// <paramref name="fields"/>; returns the offset after its line ending and counts the line breaks it spans.
    /// </summary>
    public int ReadRecord(ReadOnlySpan<byte> data, int position, FieldList fields, out int lineBreaks)
    {
        fields.Clear();
        lineBreaks = 0;
        return ReadFields(data, position, fields, int.MaxValue, ref lineBreaks, out _);
    }

    /// <summary>
    /// Reads the record at <paramref name="position"/> as <see cref="ReadRecord"/> does, but lists only its first
    /// <paramref name="fieldsWanted"/> fields and counts the rest (<paramref name="fieldCount"/> counts all): a run of unquoted
    /// fields then costs one search and one count instead of a search per field. Returns -1 for a record that only
    /// <see cref="ReadRecord"/> can read, one that is malformed or cut short past the fields wanted; it then says what is wrong.
    /// </summary>
    public int ReadLeadingFields(ReadOnlySpan<byte> data, int position, FieldList fields, int fieldsWanted, out int fieldCount, out int lineBreaks)
    {
        fields.Clear();
        lineBreaks = 0;
        var next = ReadFields(data, position, fields, fieldsWanted, ref lineBreaks, out var ended);
        fieldCount = fields.Count;
        return ended ? next : CountFields(data, next, ref fieldCount, ref lineBreaks);
    }

    // The tokenizer proper. With a limit, it stops at the start of the field past it and says the record has not ended.
    private int ReadFields(ReadOnlySpan<byte> data, int position, FieldList fields, int limit, ref int lineBreaks, out bool ended)
    {
        ended = true;
        while (true)
        {
            if (fields.Count == limit)
            {
                ended = false;
                return position;
            }
            if (position < data.Length && data[position] == Quote)
            {
                position = ReadQuotedField(data, position, fields, ref lineBreaks);
                if (position >= data.Length)
                {
                    return data.Length;
                }
                var after = data[position];
                if (after == _delimiter)
                {
                    position++;
                    continue;
                }
                if (IsLineBreak(after))
                {
                    lineBreaks++;
                    return SkipLineBreak(data, position);
                }
                // The quoted field is already in the list, so it is the last one.
                throw new MalformedRecordException("unexpected text after a closing quote (a quote inside a quoted field must be doubled)", position, fields.Count - 1);
            }

            var length = data[position..].IndexOfAny(_unquotedStops);
            if (length < 0)
            {
                fields.Add(position, data.Length - position, false);
                return data.Length;
            }
            fields.Add(position, length, false);
            var end = position + length;
            if (data[end] == _delimiter)
            {
                position = end + 1;
                continue;
            }
            lineBreaks++;
            return SkipLineBreak(data, end);
        }
    }

    // Counts the fields from a field's start to the record's end as ReadFields would read them, without listing them; -1
    // where ReadFields would throw (a quote left open, text after a closing quote).
    private int CountFields(ReadOnlySpan<byte> data, int position, ref int count, ref int lineBreaks)
    {
        count++;
        var atFieldStart = true;
        while (true)
        {
            if (atFieldStart && position < data.Length && data[position] == Quote)
            {
                var close = ClosingQuote(data, position, out _);
                if (close < 0)
                {
                    return -1;
                }
                var content = data[(position + 1)..close];
                if (content.IndexOfAny(Cr, Lf) >= 0)
                {
                    lineBreaks += CountLineBreaks(content);
                }
                position = close + 1;
                if (position >= data.Length)
                {
                    return data.Length;
                }
                if (data[position] == _delimiter)
                {
                    position++;
                    count++;
                    continue;
                }
                if (!IsLineBreak(data[position]))
                {
                    return -1;
                }
                lineBreaks++;
                return SkipLineBreak(data, position);
            }
            var stop = position < data.Length ? data[position..].IndexOfAny(RecordStops) : -1;
            count += (stop < 0 ? data[position..] : data.Slice(position, stop)).Count(_delimiter);
            if (stop < 0)
            {
                return data.Length;
            }
            var at = position + stop;
            if (data[at] != Quote)
            {
                lineBreaks++;
                return SkipLineBreak(data, at);
            }
            // A quote opens a quoted field only as the field's first byte; anywhere else it is text.
            atFieldStart = at > position ? data[at - 1] == _delimiter : atFieldStart;
            position = atFieldStart ? at : at + 1;
        }
    }

    // The closing quote of the quoted field opening at openingQuote, or -1; doubled quotes inside are text, and say so.
    private static int ClosingQuote(ReadOnlySpan<byte> data, int openingQuote, out bool escaped)
    {
        var scan = openingQuote + 1;
        escaped = false;
        while (true)
        {
            var next = scan < data.Length ? data[scan..].IndexOf(Quote) : -1;
            if (next < 0)
            {
                return -1;
            }
            scan += next;
            if (scan + 1 < data.Length && data[scan + 1] == Quote)
            {
                escaped = true;
                scan += 2;
                continue;
            }
            return scan;
        }
    }

    private static int ReadQuotedField(ReadOnlySpan<byte> data, int openingQuote, FieldList fields, ref int lineBreaks)
    {
        var contentStart = openingQuote + 1;
        var close = ClosingQuote(data, openingQuote, out var escaped);
        if (close < 0)
        {
            throw new MalformedRecordException("a quoted field is never closed (unbalanced quote)", openingQuote, fields.Count, unclosedQuote: true);
        }
        var content = data[contentStart..close];
        if (content.IndexOfAny(Cr, Lf) >= 0)
        {
            lineBreaks += CountLineBreaks(content);
        }
        fields.Add(contentStart, close - contentStart, escaped);
        return close + 1;
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
