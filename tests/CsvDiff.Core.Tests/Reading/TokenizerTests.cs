// Reading only a record's leading fields must agree with reading it whole: the same end, line breaks and field count.
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
    public void A_malformed_record_past_the_fields_wanted_is_left_to_the_whole_reading_which_names_the_problem(string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var tokenizer = new CsvTokenizer((byte)',');
        Assert.ThrowsAny<Exception>(() => tokenizer.ReadRecord(data, 0, new FieldList(), out _));
        Assert.Equal(-1, tokenizer.ReadLeadingFields(data, 0, new FieldList(), 1, out _, out _));
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
