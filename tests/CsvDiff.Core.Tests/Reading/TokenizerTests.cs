// The tokenizer against a byte-at-a-time reference, and reading only a record's leading fields against reading it whole.
using System.Text;
using CsCheck;
using CsvDiff.Reading;
using CsvDiff.Tests.Properties;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Reading;

public class TokenizerTests
{
    private static readonly Gen<CsvStyle> Styles = Gen.Select(Gen.OneOf(',', ';', '\t'), Gen.OneOf("\n", "\r\n", "\r"), Gen.Bool, Gen.Bool,
        (delimiter, lineEnd, quoteAll, finalNewLine) => new CsvStyle(delimiter, lineEnd, quoteAll, false, finalNewLine));

    [Fact]
    public void Leading_fields_and_the_count_of_the_rest_agree_with_the_whole_record_for_any_number_wanted()
    {
        var gen = Gen.Select(Scenarios.Cell.Array[1, 6].Array[1, 8], Styles, Gen.Int[0, 7]);
        gen.Sample((records, style, wanted) =>
        {
            var data = Encoding.UTF8.GetBytes(CsvText.Write(records, style)).AsSpan();
            var tokenizer = new CsvTokenizer((byte)style.Delimiter);
            var (whole, leading) = (new FieldList(), new FieldList());
            var position = 0;
            while (position < data.Length)
            {
                if (CsvTokenizer.IsLineBreak(data[position]))
                {
                    position++;
                    continue;
                }
                var end = tokenizer.ReadRecord(data, position, whole, out var lineBreaks);
                var leadingEnd = tokenizer.ReadLeadingFields(data, position, leading, wanted, out var fieldCount, out var leadingLineBreaks);
                Assert.Equal((end, lineBreaks, whole.Count), (leadingEnd, leadingLineBreaks, fieldCount));
                Assert.Equal(whole.Items[..Math.Min(wanted, whole.Count)].ToArray(), leading.Items.ToArray());
                position = end;
            }
        }, seed: new PCG(31, 20261124).ToString(), iter: 2000, threads: 1);
    }

    [Theory]
    [InlineData("a,b,\"c\nd")]
    [InlineData("a,b,\"c\"d,e\n")]
    [InlineData("a,\"b\"\"\n")]
    [InlineData("a,b\"c,\"d\"x\n")]
    [InlineData("a,\"b\",\"c")]
    public void A_malformed_record_past_the_fields_wanted_is_named_as_reading_it_whole_names_it(string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var tokenizer = new CsvTokenizer((byte)',');
        var whole = Assert.Throws<MalformedRecordException>(() => tokenizer.ReadRecord(data, 0, new FieldList(), out _));
        var leading = Assert.Throws<MalformedRecordException>(() => tokenizer.ReadLeadingFields(data, 0, new FieldList(), 1, out _, out _));
        Assert.Equal((whole.Message, whole.Offset, whole.Field, whole.UnclosedQuote), (leading.Message, leading.Offset, leading.Field, leading.UnclosedQuote));
    }

    // Texts of the bytes that matter, long enough to cross the tokenizer's 16-byte blocks more than once, against a reference
    // that reads one byte at a time by the rules the tokenizer documents: every record's end, fields, line breaks, or error.
    [Fact]
    public void Agrees_with_a_byte_at_a_time_reading_on_any_text()
    {
        // Mostly text, so that records and fields run across blocks; a byte in six is a delimiter, quote or line break.
        AgreesWithReference(TextBytes(letters: 70, delimiters: 12, quotes: 10, lineFeeds: 4).Array[0, 120], new PCG(16, 20261202));
    }

    // Wide rows of few quotes and line breaks, where whole blocks hold only delimiters and most fields are past those wanted.
    [Fact]
    public void Agrees_with_a_byte_at_a_time_reading_on_wide_rows_of_few_quotes() =>
        AgreesWithReference(TextBytes(letters: 55, delimiters: 40, quotes: 2, lineFeeds: 2).Array[0, 200], new PCG(17, 20261203));

    // Bytes drawn in these percentages; the rest are CRs.
    private static Gen<byte> TextBytes(int letters, int delimiters, int quotes, int lineFeeds) => Gen.Int[0, 99].Select(roll =>
        roll < letters ? (byte)('a' + (roll % 3))
        : roll < letters + delimiters ? (byte)','
        : roll < letters + delimiters + quotes ? (byte)'"'
        : roll < letters + delimiters + quotes + lineFeeds ? (byte)'\n'
        : (byte)'\r');

    private static void AgreesWithReference(Gen<byte[]> texts, PCG seed)
    {
        var gen = Gen.Select(texts, Gen.Int[0, 5]);
        gen.Sample((data, wanted) =>
        {
            var tokenizer = new CsvTokenizer((byte)',');
            var position = 0;
            while (position < data.Length)
            {
                var expected = Reference(data, position);
                var fields = new FieldList();
                if (expected.Error is { } error)
                {
                    var thrown = Assert.Throws<MalformedRecordException>(() => tokenizer.ReadLeadingFields(data, position, fields, wanted, out _, out _));
                    Assert.Equal((error.Message, error.Offset, error.Field, error.UnclosedQuote), (thrown.Message, thrown.Offset, thrown.Field, thrown.UnclosedQuote));
                    return;
                }
                var end = tokenizer.ReadLeadingFields(data, position, fields, wanted, out var fieldCount, out var lineBreaks);
                Assert.Equal((expected.End, expected.LineBreaks, expected.Fields.Count), (end, lineBreaks, fieldCount));
                Assert.Equal(expected.Fields.Take(wanted), fields.Items.ToArray());
                position = end;
            }
        }, seed: seed.ToString(), iter: 20_000, threads: 1);
    }

    private static (int End, List<FieldSpan> Fields, int LineBreaks, MalformedRecordException? Error) Reference(byte[] data, int position)
    {
        var fields = new List<FieldSpan>();
        var lineBreaks = 0;
        int SkipLineBreak(int at) => data[at] == '\r' && at + 1 < data.Length && data[at + 1] == '\n' ? at + 2 : at + 1;
        while (true)
        {
            if (position < data.Length && data[position] == '"')
            {
                var (close, escaped) = (position + 1, false);
                while (true)
                {
                    if (close >= data.Length)
                    {
                        return (0, fields, 0, new MalformedRecordException("a quoted field is never closed (unbalanced quote)", position, fields.Count, unclosedQuote: true));
                    }
                    if (data[close] == '"' && close + 1 < data.Length && data[close + 1] == '"')
                    {
                        (close, escaped) = (close + 2, true);
                        continue;
                    }
                    if (data[close] == '"')
                    {
                        break;
                    }
                    close++;
                }
                lineBreaks += CsvTokenizer.CountLineBreaks(data.AsSpan((position + 1)..close));
                fields.Add(new FieldSpan(position + 1, close - position - 1, Quoted: true, escaped));
                var after = close + 1;
                if (after >= data.Length)
                {
                    return (data.Length, fields, lineBreaks, null);
                }
                if (data[after] == ',')
                {
                    position = after + 1;
                    continue;
                }
                if (data[after] is (byte)'\r' or (byte)'\n')
                {
                    return (SkipLineBreak(after), fields, lineBreaks + 1, null);
                }
                return (0, fields, 0, new MalformedRecordException("unexpected text after a closing quote (a quote inside a quoted field must be doubled)", after, fields.Count - 1));
            }
            var end = position;
            while (end < data.Length && data[end] is not ((byte)',' or (byte)'\r' or (byte)'\n'))
            {
                end++;
            }
            fields.Add(new FieldSpan(position, end - position, Quoted: false, HasEscapedQuotes: false));
            if (end >= data.Length)
            {
                return (data.Length, fields, lineBreaks, null);
            }
            if (data[end] == ',')
            {
                position = end + 1;
                continue;
            }
            return (SkipLineBreak(end), fields, lineBreaks + 1, null);
        }
    }

    [Theory]
    [InlineData("a,b\"c,\"d,e\"\n", 3)]
    [InlineData("a,\"\",\"x\"\"y\"\r\n", 3)]
    [InlineData("\"k\",b,c", 3)]
    [InlineData("a,,\n", 3)]
    public void Quotes_open_a_field_only_as_its_first_byte(string text, int fields)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var tokenizer = new CsvTokenizer((byte)',');
        var end = tokenizer.ReadLeadingFields(data, 0, new FieldList(), 1, out var fieldCount, out _);
        Assert.Equal((data.Length, fields), (end, fieldCount));
    }
}
