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
