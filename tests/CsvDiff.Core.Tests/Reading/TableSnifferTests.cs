// The quick look the viewer takes at a chosen file: its first 64 KiB must read even when they end inside a quoted line break.
using System.Text;

namespace CsvDiff.Tests.Reading;

public class TableSnifferTests
{
    [Fact]
    public void A_sample_that_ends_just_after_a_quoted_line_break_still_reads()
    {
        // The header's length shifts every row, so one padding lands the 64 KiB cut right after a line break inside quotes.
        var bytes = Enumerable.Range(0, 40).Select(Notes).First(b => b[TableSniffer.SampleBytes - 1] == '\n' && b[TableSniffer.SampleBytes - 2] == 'e');

        var sniff = TableSniffer.Sniff("notes.csv", bytes.AsMemory(0, TableSniffer.SampleBytes), bytes.Length, new CsvFormat());
        Assert.True(sniff.Problem is null, sniff.Problem);
        Assert.Equal(2, sniff.Columns.Count);
        Assert.Equal("id", sniff.SuggestedKeys[0]);
    }

    // The key a viewer preselects: unique in both samples, an identifier-like name first; from a partial sample only such a name.
    [Theory]
    [InlineData("id,name\n1,a\n2,b\n", "id,name\n1,a\n3,c\n", true, "id")]
    [InlineData("name,sku\na,1\nb,2\n", "name,sku\na,1\nc,3\n", true, "sku")]
    [InlineData("name,team\na,x\nb,x\n", "name,team\na,x\nc,y\n", true, "name")]
    [InlineData("name,team\na,x\nb,x\n", "name,team\na,x\nc,y\n", false, null)]
    [InlineData("id,name\n1,a\n1,b\n", "id,name\n1,a\n2,b\n", true, "name")]
    [InlineData("id,name\n1,a\n1,a\n", "id,name\n1,a\n2,b\n", true, null)]
    [InlineData("code,name\n1,a\n2,b\n", "id,name\n1,a\n2,b\n", false, null)]
    public void The_likely_key_is_unique_in_both_samples_and_named_like_a_key_unless_the_samples_are_whole(string left, string right, bool whole, string? expected)
    {
        TableSniff Sniff(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            // A sample that is not the whole input: the input is said to be larger than what was looked at.
            return TableSniffer.Sniff("t.csv", bytes, whole ? bytes.Length : bytes.Length * 100L, new CsvFormat());
        }
        Assert.Equal(expected, TableSniffer.LikelyKey(Sniff(left), Sniff(right)));
    }

    private static byte[] Notes(int padding)
    {
        var text = new StringBuilder("id,note").Append('x', padding).Append('\n');
        for (var row = 0; text.Length < TableSniffer.SampleBytes * 2; row++)
        {
            text.Append(row).Append(",\"first line\nsecond\"\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
