// The tokenizer's shortcut for records without quotes must read every record exactly as the full tokenizer does, or decline.
using System.Text;
using CsCheck;
using CsvDiff.Reading;
using CsvDiff.Tests.Properties;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Reading;

public class TokenizerTests
{
    [Fact]
    public void Unquoted_records_read_as_the_full_tokenizer_reads_them_for_any_number_of_wanted_fields()
    {
        var style = Gen.Select(Gen.OneOf(',', ';', '\t'), Gen.OneOf("\n", "\r\n", "\r"), Gen.Bool,
            (delimiter, lineEnd, finalNewLine) => new CsvStyle(delimiter, lineEnd, false, false, finalNewLine));
        var gen = Gen.Select(Scenarios.Cell.Array[1, 6].Array[1, 8], style, Gen.Int[0, 7]);
        var shortcuts = 0;
        gen.Sample((records, csvStyle, wanted) =>
        {
            var data = Encoding.UTF8.GetBytes(CsvText.Write(records, csvStyle)).AsSpan();
            var tokenizer = new CsvTokenizer((byte)csvStyle.Delimiter);
            var (full, quick) = (new FieldList(), new FieldList());
            var position = 0;
            while (position < data.Length)
            {
                if (CsvTokenizer.IsLineBreak(data[position]))
                {
                    position++;
                    continue;
                }
                var end = tokenizer.ReadRecord(data, position, full, out var lineBreaks);
                var quickEnd = tokenizer.ReadUnquotedRecord(data, position, quick, wanted, out var fieldCount, out var quickLineBreaks);
                if (quickEnd < 0)
                {
                    Assert.Contains((byte)'"', data[position..end].ToArray());
                }
                else
                {
                    shortcuts++;
                    Assert.Equal((end, lineBreaks, full.Count), (quickEnd, quickLineBreaks, fieldCount));
                    Assert.Equal(full.Items[..Math.Min(wanted, full.Count)].ToArray(), quick.Items.ToArray());
                }
                position = end;
            }
        }, seed: new PCG(31, 20261124).ToString(), iter: 400, threads: 1);
        Assert.True(shortcuts > 200, $"only {shortcuts} records took the shortcut");
    }
}
